import type { HostContext } from '../context';
import { loadDemoDistrict } from '../demo/demoDistrict';
import type { IncidentService } from '../incidents/service';

/** First-run choice: an empty database, or the synthetic demo district. */
export class SetupService {
  constructor(
    private readonly ctx: HostContext,
    private readonly incidents: IncidentService,
    private readonly onGridChanged: () => void,
  ) {}

  isFirstRun(): boolean {
    return this.ctx.store.getMeta('setup') === null;
  }

  hasDemo(): boolean {
    return this.ctx.store.getMeta('demo_loaded_at') !== null;
  }

  choose(mode: 'empty' | 'demo'): void {
    if (mode === 'demo' && !this.hasDemo()) {
      loadDemoDistrict(this.ctx, this.incidents, this.onGridChanged);
      this.ctx.events.publish('incidents.reset', { reason: 'demo district loaded' });
    }
    if (this.isFirstRun()) this.ctx.store.setMeta('setup', mode);
  }
}
