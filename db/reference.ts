import type { Category, GridCell, Unit } from '../contract';
import type { Db } from './open';

/** Read access to the reference data: categories, grid cells, units. */
export class ReferenceRepository {
  constructor(private readonly db: Db) {}

  categories(): Category[] {
    return (
      this.db.prepare('SELECT code, name_zh, name_en, active FROM categories ORDER BY sort, code').all() as {
        code: string;
        name_zh: string;
        name_en: string;
        active: number;
      }[]
    ).map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en, active: r.active === 1 }));
  }

  gridCells(): GridCell[] {
    return (
      this.db.prepare('SELECT * FROM grid_cells ORDER BY code').all() as {
        code: string;
        level: GridCell['level'];
        name: string;
        parent_code: string | null;
        geometry: string;
        responsible_units: string;
        is_demo: number;
      }[]
    ).map((r) => ({
      code: r.code,
      level: r.level,
      name: r.name,
      parentCode: r.parent_code,
      geometry: JSON.parse(r.geometry) as GridCell['geometry'],
      responsibleUnits: JSON.parse(r.responsible_units) as string[],
      isDemo: r.is_demo === 1,
    }));
  }

  /** Creates or replaces a cell by code; returns whether it already existed. */
  upsertGridCell(c: GridCell): 'created' | 'updated' {
    const existed = this.db.prepare('SELECT 1 FROM grid_cells WHERE code = ?').get(c.code) !== undefined;
    this.db
      .prepare(
        `INSERT INTO grid_cells (code, level, name, parent_code, geometry, responsible_units, is_demo)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (code) DO UPDATE SET level = excluded.level, name = excluded.name, parent_code = excluded.parent_code,
           geometry = excluded.geometry, responsible_units = excluded.responsible_units, is_demo = excluded.is_demo`,
      )
      .run(
        c.code,
        c.level,
        c.name,
        c.parentCode,
        JSON.stringify(c.geometry),
        JSON.stringify(c.responsibleUnits),
        c.isDemo ? 1 : 0,
      );
    return existed ? 'updated' : 'created';
  }

  insertGridCell(c: GridCell): void {
    this.db
      .prepare(
        `INSERT INTO grid_cells (code, level, name, parent_code, geometry, responsible_units, is_demo)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        c.code,
        c.level,
        c.name,
        c.parentCode,
        JSON.stringify(c.geometry),
        JSON.stringify(c.responsibleUnits),
        c.isDemo ? 1 : 0,
      );
  }

  units(): Unit[] {
    return (this.db.prepare('SELECT * FROM units ORDER BY kind, name').all() as UnitRow[]).map(toUnit);
  }

  unit(id: string): Unit | null {
    const r = this.db.prepare('SELECT * FROM units WHERE id = ?').get(id) as UnitRow | undefined;
    return r ? toUnit(r) : null;
  }

  /** The unit a radio callsign is bound to (case-insensitive; APRS calls are upper case on air). */
  unitByCallsign(callsign: string): Unit | null {
    if (!callsign) return null;
    const r = this.db
      .prepare('SELECT * FROM units WHERE callsign = ? COLLATE NOCASE ORDER BY id LIMIT 1')
      .get(callsign) as UnitRow | undefined;
    return r ? toUnit(r) : null;
  }

  /** A position report from a radio or GPS (WGS-84). */
  updateUnitPosition(id: string, lon: number, lat: number, at: number, source: string): void {
    this.db
      .prepare('UPDATE units SET lon = ?, lat = ?, position_at = ?, position_source = ? WHERE id = ?')
      .run(lon, lat, at, source, id);
  }

  setUnitCallsign(id: string, callsign: string): void {
    this.db.prepare('UPDATE units SET callsign = ? WHERE id = ?').run(callsign, id);
  }

  insertUnit(u: Unit): void {
    this.db
      .prepare(
        `INSERT INTO units (id, kind, name, callsign, sip_uri, status, home_grid, lon, lat, position_at,
           position_source, is_demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        u.id,
        u.kind,
        u.name,
        u.callsign,
        u.sipUri,
        u.status,
        u.homeGrid,
        u.position?.lon ?? null,
        u.position?.lat ?? null,
        u.positionAt,
        u.positionSource,
        u.isDemo ? 1 : 0,
      );
  }
}

interface UnitRow {
  id: string;
  kind: Unit['kind'];
  name: string;
  callsign: string;
  sip_uri: string;
  status: Unit['status'];
  home_grid: string | null;
  lon: number | null;
  lat: number | null;
  position_at: number | null;
  position_source: string | null;
  is_demo: number;
}

function toUnit(r: UnitRow): Unit {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    callsign: r.callsign,
    sipUri: r.sip_uri,
    status: r.status,
    homeGrid: r.home_grid,
    position: r.lon !== null && r.lat !== null ? { lon: r.lon, lat: r.lat } : null,
    positionAt: r.position_at,
    positionSource: r.position_source,
    isDemo: r.is_demo === 1,
  };
}
