import { defineHandlers } from '../router';
import type { HostContext } from '../context';

export function referenceHandlers(ctx: HostContext) {
  return defineHandlers({
    'category.list': () => ctx.store.reference.categories(),
    'unit.list': () => ctx.store.reference.units(),
    'grid.list': () => ctx.store.reference.gridCells(),
  });
}
