import { defineHandlers } from '../router';
import type { HostContext } from '../context';
import type { IncidentService } from './service';

export function incidentHandlers(ctx: HostContext, incidents: IncidentService) {
  return defineHandlers({
    'incident.create': (p) => incidents.create(p),
    'incident.list': (p) => ctx.store.incidents.list(p),
    'incident.get': (p) => incidents.get(p.id),
    'incident.setStatus': (p) => incidents.setStatus(p),
    'incident.addNote': (p) => incidents.addNote(p),
  });
}
