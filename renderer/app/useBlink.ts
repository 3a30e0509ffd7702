import { useEffect, useState } from 'react';

/**
 * A slow on/off for an alarm indicator: true and false in turn every `halfPeriodMs` while `active`, always false
 * otherwise or when the operator's system asks for reduced motion. A class toggled from here costs one style
 * change per step; a CSS animation ticks every frame, and on a software GPU every frame then recomposites the
 * map canvas too (bench/map.ts).
 */
export function useBlink(active: boolean, halfPeriodMs = 1000): boolean {
  const [on, setOn] = useState(false);
  useEffect(() => {
    if (!active || matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    const h = setInterval(() => setOn((v) => !v), halfPeriodMs);
    return () => clearInterval(h);
  }, [active, halfPeriodMs]);
  // A stopped blink may have stopped on `on`; inactive always reads off.
  return active && on;
}
