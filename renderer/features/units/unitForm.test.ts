import { describe, expect, it } from 'vitest';
import { emptyUnitForm, toUnitParams } from './unitForm';

describe('unit form', () => {
  it('builds params with an upper-case callsign and an optional position', () => {
    const r = toUnitParams({ ...emptyUnitForm, name: ' 巡逻一队 ', callsign: 'bh4abc-7', sipUri: 'sip:1@x' });
    expect(r).toEqual({
      params: {
        kind: 'grid_worker',
        name: '巡逻一队',
        homeGrid: null,
        callsign: 'BH4ABC-7',
        sipUri: 'sip:1@x',
        position: null,
      },
    });
    const p = toUnitParams({ ...emptyUnitForm, name: 'A', lon: '103.6', lat: '36.5' });
    expect('params' in p && p.params.position).toEqual({ lon: 103.6, lat: 36.5 });
  });
  it('names each bad field', () => {
    const r = toUnitParams({ ...emptyUnitForm, sipUri: '1001', lon: '200', callsign: 'a b' });
    expect(r).toEqual({
      errors: {
        name: 'units.err.name',
        sipUri: 'units.err.sip',
        lat: 'units.err.both',
        lon: 'units.err.lon',
        callsign: 'units.err.callsign',
      },
    });
  });
});
