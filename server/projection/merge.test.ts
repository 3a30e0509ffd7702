import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../contract/hlc';
import { emptyState, isDeleted, mergeChange, type MergeInput } from './merge';

const hlc = (wall: number, node = 'n') => encodeHlc({ wall, counter: 0, node });
const upd = (wall: number, fields: Record<string, unknown>, consoleId = 'c1', op = 'update'): MergeInput => ({
  op,
  hlc: hlc(wall, consoleId),
  consoleId,
  fields,
});

const fold = (entity: string, changes: MergeInput[]) =>
  changes.reduce((s, c) => mergeChange(entity, s, c).state, emptyState());

describe('mergeChange', () => {
  it('is field-level last-writer-wins by HLC', () => {
    const s = fold('incident', [upd(2, { a: 'new' }), upd(1, { a: 'old', b: 'only' })]);
    expect(s.fields).toEqual({ a: 'new', b: 'only' });
  });

  it('breaks an exact HLC tie by console id', () => {
    const same = hlc(5, 'n');
    const x = { op: 'update', hlc: same, consoleId: 'aaa', fields: { a: 'x' } };
    const y = { op: 'update', hlc: same, consoleId: 'bbb', fields: { a: 'y' } };
    expect(fold('incident', [x, y]).fields.a).toBe('y');
    expect(fold('incident', [y, x]).fields.a).toBe('y');
  });

  it('keeps appended rows immutable', () => {
    const s = fold('timeline', [
      upd(1, { text: 'first' }, 'c1', 'append'),
      upd(2, { text: 'changed' }, 'c1', 'append'),
    ]);
    expect(s.fields).toEqual({ text: 'first' });
  });

  it('deletes with a tombstone that later writes override', () => {
    const del = upd(5, {}, 'c1', 'delete');
    expect(isDeleted(fold('incident', [upd(1, { a: 1 }), del]))).toBe(true);
    expect(isDeleted(fold('incident', [upd(1, { a: 1 }), del, upd(6, { a: 2 })]))).toBe(false);
  });

  it('flags a status move the state machine does not allow, but still converges', () => {
    const base = mergeChange('incident', emptyState(), upd(1, { status: 'closed' })).state;
    const r = mergeChange('incident', base, upd(2, { status: 'dispatched' }, 'c2'));
    expect(r.state.fields.status).toBe('dispatched');
    expect(r.flags).toEqual([
      {
        kind: 'illegal_status_transition',
        detail: expect.objectContaining({ from: 'closed', to: 'dispatched' }),
      },
    ]);
    expect(mergeChange('incident', base, upd(2, { status: 'reopened' })).flags).toEqual([]);
  });

  it('converges whatever order changes arrive in (property)', () => {
    const change = fc.record({
      wall: fc.integer({ min: 1, max: 50 }),
      consoleId: fc.constantFrom('c1', 'c2', 'c3'),
      op: fc.constantFrom('update', 'insert', 'delete'),
      fields: fc.dictionary(fc.constantFrom('a', 'b', 'status'), fc.integer(), { maxKeys: 3 }),
    });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), fc.infiniteStream(fc.nat()), (raw, seeds) => {
        // Distinct (hlc, console) per write, as real consoles guarantee.
        const changes = raw.map((c, i) => ({
          op: c.op,
          consoleId: c.consoleId,
          fields: c.fields,
          hlc: encodeHlc({ wall: c.wall, counter: i, node: c.consoleId }),
        }));
        const shuffled = [...changes];
        const it = seeds[Symbol.iterator]();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (it.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(fold('incident', shuffled)).toEqual(fold('incident', changes));
      }),
      { numRuns: 200 },
    );
  });
});
