import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, UNIT_STATUSES } from '../../../contract';
import { PRIORITY_COLOURS, UNIT_COLOURS } from './mapStyle';
import { mapAssetUrls, type SpriteIcon } from './mapAssets';

type SpriteIndex = Partial<Record<SpriteIcon, { x: number; y: number; width: number; height: number }>>;

/** The shipped sprite's index (same origin, once per mount): the legend shows the very icons the map draws. */
function useSpriteIndex(sprite: string): SpriteIndex | null {
  const [index, setIndex] = useState<SpriteIndex | null>(null);
  useEffect(() => {
    let live = true;
    fetch(`${sprite}.json`)
      .then((r) => (r.ok ? (r.json() as Promise<SpriteIndex>) : null))
      .then((i) => live && setIndex(i))
      .catch(() => undefined); // no icon in the legend; the map reports its own sprite errors
    return () => {
      live = false;
    };
  }, [sprite]);
  return index;
}

/** Legend icons are drawn this many CSS pixels on their longer side (the map draws them larger). */
const ICON_PX = 16;

function Icon({
  name,
  index,
  sprite,
  children,
}: {
  name: SpriteIcon;
  index: SpriteIndex | null;
  sprite: string;
  children?: ReactNode;
}) {
  const box = index?.[name];
  if (!index || !box) return <span className="legend-icon" aria-hidden="true" />;
  const scale = ICON_PX / Math.max(box.width, box.height);
  const boxes = Object.values(index);
  const spriteW = Math.max(...boxes.map((b) => b.x + b.width));
  const spriteH = Math.max(...boxes.map((b) => b.y + b.height));
  return (
    <span
      className="legend-icon"
      aria-hidden="true"
      style={{
        width: box.width * scale,
        height: box.height * scale,
        backgroundImage: `url("${sprite}.png")`,
        backgroundSize: `${spriteW * scale}px ${spriteH * scale}px`,
        backgroundPosition: `-${box.x * scale}px -${box.y * scale}px`,
      }}
    >
      {children}
    </span>
  );
}

/** What each mark on the map means, in the operator's language. */
export function MapLegend() {
  const { t } = useTranslation();
  const { sprite } = mapAssetUrls(document.baseURI);
  const index = useSpriteIndex(sprite);
  return (
    <ul className="map-legend" aria-label={t('map.legend')} data-testid="map-legend">
      {PRIORITIES.map((p) => (
        <li key={p}>
          <span className="legend-swatch" style={{ background: PRIORITY_COLOURS[p] }} aria-hidden="true" />
          {t(`priority.${p}`)}
        </li>
      ))}
      <li>
        <span className="legend-swatch legend-overdue" aria-hidden="true" />
        {t('map.overdue')}
      </li>
      {UNIT_STATUSES.map((s) => (
        <li key={s}>
          <span
            className="legend-swatch legend-unit"
            style={{ background: UNIT_COLOURS[s] }}
            aria-hidden="true"
          />
          {t(`unitStatus.${s}`)}
        </li>
      ))}
      <li>
        <span className="legend-swatch legend-unit legend-stale" aria-hidden="true" />
        {t('map.stale')}
      </li>
      <li>
        <Icon name="unit-heading" index={index} sprite={sprite}>
          <span className="legend-heading-dot" />
        </Icon>
        {t('map.heading')}
      </li>
      <li>
        <Icon name="drone" index={index} sprite={sprite} />
        <span className="legend-track" aria-hidden="true" />
        {t('map.droneTrack')}
      </li>
      <li>
        <Icon name="intercom" index={index} sprite={sprite} />
        {t('map.layer.intercoms')} <span className="legend-note">{t('map.placeholder')}</span>
      </li>
      <li>
        <Icon name="camera" index={index} sprite={sprite} />
        {t('map.layer.cameras')} <span className="legend-note">{t('map.placeholder')}</span>
      </li>
    </ul>
  );
}
