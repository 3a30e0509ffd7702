import { HostFailure, type Category } from '../../contract';
import type { HostContext } from '../context';
import { mutate } from '../mutation';

/**
 * The category list: add, rename, retire and bring back. A code is never deleted or reused — incidents keep
 * it forever — so retiring only stops new incidents from choosing it (IncidentService.create refuses it).
 * The list is this console's configuration: audited, not synced (a remote incident with a category this
 * console does not know is kept in the sync inbox until it is added here).
 */
export class CategoryAdmin {
  constructor(private readonly ctx: HostContext) {}

  save(p: { code: string; nameZh: string; nameEn: string }): Category[] {
    const db = this.ctx.store.db;
    mutate(this.ctx, (m) => {
      const exists = db.prepare('SELECT 1 FROM categories WHERE code = ?').get(p.code) !== undefined;
      if (exists) {
        db.prepare('UPDATE categories SET name_zh = ?, name_en = ? WHERE code = ?').run(
          p.nameZh,
          p.nameEn,
          p.code,
        );
      } else {
        const { next } = db.prepare('SELECT COALESCE(MAX(sort), 0) + 1 AS next FROM categories').get() as {
          next: number;
        };
        db.prepare(
          'INSERT INTO categories (code, name_zh, name_en, active, sort) VALUES (?, ?, ?, 1, ?)',
        ).run(p.code, p.nameZh, p.nameEn, next);
      }
      this.audit(m.at, m.actor, exists ? 'category.rename' : 'category.add', p.code, {
        nameZh: p.nameZh,
        nameEn: p.nameEn,
      });
    });
    return this.changed();
  }

  setActive(p: { code: string; active: boolean }): Category[] {
    const db = this.ctx.store.db;
    mutate(this.ctx, (m) => {
      const r = db.prepare('UPDATE categories SET active = ? WHERE code = ?').run(p.active ? 1 : 0, p.code);
      if (r.changes === 0) throw new HostFailure('not_found', { entity: 'category', id: p.code });
      this.audit(m.at, m.actor, p.active ? 'category.restore' : 'category.retire', p.code, {});
    });
    return this.changed();
  }

  private audit(
    at: number,
    actor: string,
    action: string,
    code: string,
    data: Record<string, unknown>,
  ): void {
    this.ctx.store.audit.append({
      at,
      actor,
      consoleId: this.ctx.consoleId,
      action,
      entity: 'category',
      entityId: code,
      data,
    });
  }

  private changed(): Category[] {
    const categories = this.ctx.store.reference.categories();
    this.ctx.events.publish('categories.changed', { categories });
    return categories;
  }
}
