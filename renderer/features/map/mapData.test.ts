import { describe, expect, it } from 'vitest';
import type { GridCell, Incident, Unit } from '../../../contract';
import { boundsOf, incidentFeatures, labelPoint, unitFeatures, UNIT_STALE_MS } from './mapData';

const cell = (
  code: string,
  level: GridCell['level'],
  w: number,
  s: number,
  e: number,
  n: number,
): GridCell => ({
  code,
  level,
  name: code,
  parentCode: null,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  },
  responsibleUnits: [],
  isDemo: false,
});

const unit = (over: Partial<Unit>): Unit => ({
  id: 'u1',
  kind: 'radio',
  name: 'R',
  callsign: '',
  sipUri: '',
  status: 'available',
  homeGrid: null,
  position: { lon: 103.6, lat: 36.5 },
  positionAt: 1000,
  positionSource: 'aprs',
  isDemo: false,
  ...over,
});

describe('map data', () => {
  it('frames the street (else all cells) and every incident', () => {
    const street = cell('S', 'street', 1, 2, 3, 4);
    const grid = cell('G', 'grid', 0, 0, 10, 10);
    expect(boundsOf([street, grid], [])).toEqual([1, 2, 3, 4]);
    expect(boundsOf([grid], [])).toEqual([0, 0, 10, 10]);
    const inc = { location: { lon: 5, lat: 6 } } as Incident;
    expect(boundsOf([], [inc])).toEqual([5, 6, 5, 6]);
    expect(boundsOf([street], [inc])).toEqual([1, 2, 5, 6]);
    expect(boundsOf([], [])).toBeNull();
  });

  it('marks a unit stale when its position is older than the limit or unknown, and drops units without one', () => {
    const now = 1000 + UNIT_STALE_MS + 1;
    const f = unitFeatures(
      [
        unit({ id: 'old' }),
        unit({ id: 'fresh', positionAt: now - 5 }),
        unit({ id: 'never', positionAt: null }),
        unit({ id: 'nowhere', position: null }),
      ],
      now,
    );
    expect(f.features.map((x) => [x.properties.id, x.properties.stale])).toEqual([
      ['old', true],
      ['fresh', false],
      ['never', true],
    ]);
  });

  it('keeps ids on incident features so the map can diff and select them', () => {
    const inc = {
      id: 'a',
      priority: 'P1',
      status: 'reported',
      isDrill: true,
      location: { lon: 1, lat: 2 },
    } as Incident;
    expect(incidentFeatures([inc]).features[0]).toEqual({
      type: 'Feature',
      id: 'a',
      properties: { id: 'a', priority: 'P1', status: 'reported', drill: true },
      geometry: { type: 'Point', coordinates: [1, 2] },
    });
  });

  it('labels a cell at the centre of its box', () => {
    expect(labelPoint(cell('X', 'grid', 0, 0, 2, 4))).toEqual([1, 2]);
  });
});
