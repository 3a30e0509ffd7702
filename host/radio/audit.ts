import type { HostContext } from '../context';

/**
 * Radio actions are audited but never synced: they concern this workstation's hardware. (The one write path,
 * mutate(), is for synced entities; this keeps the same "row + audit in one transaction" rule.)
 */
export function auditLocal(
  ctx: HostContext,
  action: string,
  entity: string,
  entityId: string,
  data: Record<string, unknown>,
  rows: () => void = () => undefined,
  actor = ctx.operator(),
): void {
  ctx.store.transaction(() => {
    rows();
    ctx.store.audit.append({
      at: ctx.now(),
      actor,
      consoleId: ctx.consoleId,
      action,
      entity,
      entityId,
      data,
    });
  });
}
