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
    return (
      this.db.prepare('SELECT * FROM units ORDER BY kind, name').all() as {
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
      }[]
    ).map((r) => ({
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
    }));
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
