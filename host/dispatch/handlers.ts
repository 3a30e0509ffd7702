import { defineHandlers } from '../router';
import type { DispatchService } from './service';
import type { UnitService } from './unitService';

export function dispatchHandlers(units: UnitService, dispatches: DispatchService) {
  return defineHandlers({
    'unit.create': (p) => units.create(p),
    'unit.update': (p) => units.update(p),
    'unit.setStatus': (p) => units.setStatus(p, (id) => dispatches.isBusy(id)),
    'dispatch.suggest': (p) => dispatches.suggest(p),
    'dispatch.list': (p) => dispatches.list(p),
    'dispatch.send': (p) => dispatches.send(p),
    'dispatch.acknowledge': (p) => dispatches.acknowledge(p),
    'dispatch.recall': (p) => dispatches.recall(p),
    'dispatch.reassign': (p) => dispatches.reassign(p),
  });
}
