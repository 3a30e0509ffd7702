import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIST_ALL, LIST_OPEN, useGridListQuery, useIncidentListQuery } from '../../app/api';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { PRIORITIES } from '../../../contract/domain/incident';
import { select } from '../incidents/incidentsSlice';
import { boundsOf, makeProjector } from './project';

/** The drawing box follows the panel size so the plot fills it (fallback for environments without layout). */
function useBoxSize(ref: React.RefObject<HTMLElement | null>): { w: number; h: number } {
  const [size, setSize] = useState({ w: 1000, h: 700 });
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(([entry]) => {
      const r = entry?.contentRect;
      if (r && r.width > 50 && r.height > 50) setSize({ w: Math.round(r.width), h: Math.round(r.height) });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

/** Placeholder until the Map feature: incidents plotted by longitude/latitude over the grid outlines. */
export function MapArea() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const filter = useAppSelector((s) => s.incidents.filter);
  const selectedId = useAppSelector((s) => s.incidents.selectedId);
  const { data } = useIncidentListQuery(filter === 'open' ? LIST_OPEN : LIST_ALL);
  const { data: grid } = useGridListQuery();
  const items = useMemo(() => data?.items ?? [], [data]);
  const boxRef = useRef<HTMLDivElement>(null);
  const { w: W, h: H } = useBoxSize(boxRef);

  const plot = useMemo(() => {
    const gridCells = (grid ?? []).filter((c) => c.level === 'grid' || c.level === 'community');
    const pts: [number, number][] = items.map((i) => [i.location.lon, i.location.lat]);
    for (const c of gridCells)
      for (const ring of c.geometry.coordinates) for (const [x, y] of ring) pts.push([x, y]);
    const b = boundsOf(pts);
    if (!b) return null;
    const inner = makeProjector(b, W - 48, H - 48);
    const project = (lon: number, lat: number): [number, number] => {
      const [x, y] = inner(lon, lat);
      return [x + 24, y + 24];
    };
    const polys = gridCells.map((c) => ({
      code: c.code,
      name: c.name,
      level: c.level,
      label: (() => {
        const ring = c.geometry.coordinates[0] ?? [];
        const pts = ring.slice(0, Math.max(1, ring.length - 1));
        const [x, y] = project(
          pts.reduce((a, p) => a + p[0], 0) / pts.length,
          pts.reduce((a, p) => a + p[1], 0) / pts.length,
        );
        return { x, y };
      })(),
      d: c.geometry.coordinates
        .map(
          (ring) =>
            ring
              .map(
                ([x, y], k) =>
                  `${k ? 'L' : 'M'}${project(x, y)
                    .map((n) => n.toFixed(1))
                    .join(' ')}`,
              )
              .join(' ') + 'Z',
        )
        .join(' '),
    }));
    // Draw low priority first so P1 sits on top; the selected one last.
    const order = { P4: 0, P3: 1, P2: 2, P1: 3 } as const;
    const dots = [...items]
      .sort(
        (a, b) =>
          order[a.priority] - order[b.priority] || (a.id === selectedId ? 1 : b.id === selectedId ? -1 : 0),
      )
      .map((i) => {
        const [x, y] = project(i.location.lon, i.location.lat);
        return { i, x, y };
      });
    return { polys, dots };
  }, [items, grid, selectedId, W, H]);

  return (
    <section className="panel map" data-testid="map-area" aria-labelledby="map-title">
      <div className="panel-head">
        <h2 id="map-title">{t('map.title')}</h2>
        <ul className="legend" aria-label={t('map.legend')}>
          {PRIORITIES.map((p) => (
            <li key={p}>
              <span className={`legend-dot prio-${p}`} aria-hidden="true" />
              {t(`priority.${p}`)}
            </li>
          ))}
        </ul>
      </div>
      <div className="map-body">
        <div className="map-box" ref={boxRef}>
          {plot ? (
            <svg
              viewBox={`0 0 ${W} ${H}`}
              preserveAspectRatio="xMidYMid meet"
              className="map-svg"
              role="img"
              aria-label={t('map.title')}
            >
              <defs>
                <pattern id="map-grid" width="50" height="50" patternUnits="userSpaceOnUse">
                  <path d="M 50 0 L 0 0 0 50" fill="none" className="map-graticule" />
                </pattern>
              </defs>
              <rect width={W} height={H} fill="url(#map-grid)" />
              {plot.polys.map((p) => (
                <path key={p.code} d={p.d} className={`map-cell map-cell-${p.level}`}>
                  <title>{p.name}</title>
                </path>
              ))}
              {plot.polys
                .filter((p) => p.level === 'grid')
                .map((p) => (
                  <text
                    key={`l-${p.code}`}
                    x={p.label.x}
                    y={p.label.y}
                    className="map-cell-label"
                    textAnchor="middle"
                  >
                    {p.code}
                  </text>
                ))}
              {plot.dots.map(({ i, x, y }) => (
                <g
                  key={i.id}
                  className={`map-dot prio-${i.priority}${i.id === selectedId ? ' selected' : ''}`}
                  onClick={() => dispatch(select(i.id))}
                >
                  {i.id === selectedId && <circle cx={x} cy={y} r={22} className="map-dot-ring" />}
                  <circle cx={x} cy={y} r={i.priority === 'P1' ? 11 : 8} />
                  <title>{`${i.priority} ${i.address || i.description}`}</title>
                </g>
              ))}
            </svg>
          ) : (
            <div className="map-empty">{t('map.noPoints')}</div>
          )}
        </div>
        <p className="map-note">{t('map.placeholder')}</p>
      </div>
    </section>
  );
}
