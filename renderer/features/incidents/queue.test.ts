import { describe, expect, it } from 'vitest';
import { makeIncident } from '../../app/testing/fakeHost';
import { matchesSearch, moveSelection, sortQueue } from './queue';

describe('queue order and search', () => {
  it('sorts P1 first, then oldest first', () => {
    const a = makeIncident({ priority: 'P3', createdAt: 100 });
    const b = makeIncident({ priority: 'P1', createdAt: 300 });
    const c = makeIncident({ priority: 'P1', createdAt: 200 });
    const d = makeIncident({ priority: 'P4', createdAt: 1 });
    const e = makeIncident({ priority: 'P2', createdAt: 999 });
    expect(sortQueue([a, b, c, d, e]).map((i) => i.id)).toEqual([c.id, b.id, e.id, a.id, d.id]);
  });

  it('searches description and address, case-insensitively, all words', () => {
    const i = makeIncident({ description: 'Smoke from KITCHEN', address: '东湖路 8 号' });
    expect(matchesSearch(i, '')).toBe(true);
    expect(matchesSearch(i, 'kitchen')).toBe(true);
    expect(matchesSearch(i, '东湖路 smoke')).toBe(true);
    expect(matchesSearch(i, 'fire')).toBe(false);
  });

  it('moves the selection within bounds', () => {
    const ids = ['a', 'b', 'c'];
    expect(moveSelection(ids, null, 1)).toBe('a');
    expect(moveSelection(ids, null, -1)).toBe('a');
    expect(moveSelection(ids, 'a', 1)).toBe('b');
    expect(moveSelection(ids, 'c', 1)).toBe('c');
    expect(moveSelection(ids, 'a', -1)).toBe('a');
    expect(moveSelection(ids, 'gone', 1)).toBe('a');
    expect(moveSelection([], 'a', 1)).toBeNull();
  });
});
