import type { HostContext } from '../context';
import type { HostFeature } from '../feature';
import type { IncidentService } from '../incidents/service';
import { dispatchHandlers } from './handlers';
import { DEFAULT_ACK_LIMIT_MS, DispatchService } from './service';
import { UnitService } from './unitService';

export interface DispatchOptions {
  /** How long a unit has to acknowledge a dispatch before it is escalated. Default 3 minutes. */
  ackLimitMs?: number;
  /** How often overdue acknowledgements are looked for; 0 disables the sweep (tests drive it). Default 5 s. */
  sweepEveryMs?: number;
}

/** `FENGSUI_DISPATCH_ACK_LIMIT_S` sets the ack limit for a duty room without a settings page for it yet. */
export function ackLimitFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const s = Number(env.FENGSUI_DISPATCH_ACK_LIMIT_S);
  return Number.isFinite(s) && s >= 10 && s <= 3600 ? Math.round(s * 1000) : undefined;
}

/** Units and dispatch: handlers, the escalation sweep, and remote unit changes. */
export class DispatchFeature implements HostFeature {
  readonly name = 'dispatch';
  readonly units: UnitService;
  readonly service: DispatchService;
  readonly handlers;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: HostContext,
    incidents: IncidentService,
    private readonly options: DispatchOptions = {},
  ) {
    this.units = new UnitService(ctx);
    this.service = new DispatchService(
      ctx,
      incidents,
      this.units,
      options.ackLimitMs ?? ackLimitFromEnv() ?? DEFAULT_ACK_LIMIT_MS,
    );
    incidents.handleRemote('unit', (c) => this.units.applyRemote(c));
    this.handlers = [dispatchHandlers(this.units, this.service)];
  }

  start(): void {
    const every = this.options.sweepEveryMs ?? 5000;
    if (every <= 0) return;
    this.timer = setInterval(() => this.service.escalateOverdue(), every);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
