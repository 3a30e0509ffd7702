/**
 * APRS timestamps: `DDHHMMz` (UTC), `DDHHMM/` (sender's local time), `HHMMSSh` (UTC). Day-only stamps are
 * placed in the month that puts them nearest `now`, as FAP does. Returns unix seconds, or undefined when the
 * stamp is not a valid time.
 */
export function parseAprsTimestamp(stamp: string, now: Date): number | undefined {
  const m = /^(\d{2})(\d{2})(\d{2})([zh/])$/.exec(stamp);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const c = Number(m[3]);
  const nowS = Math.floor(now.getTime() / 1000);
  if (m[4] === 'h') {
    if (a > 23 || b > 59 || c > 59) return undefined;
    let t = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), a, b, c) / 1000;
    // A time more than an hour ahead was sent yesterday.
    if (t > nowS + 3600) t -= 86400;
    else if (t < nowS - 23 * 3600) t += 86400;
    return t;
  }
  if (a < 1 || a > 31 || b > 23 || c > 59) return undefined;
  const local = m[4] === '/';
  const make = (year: number, month: number) =>
    (local ? new Date(year, month, a, b, c).getTime() : Date.UTC(year, month, a, b, c)) / 1000;
  const y = local ? now.getFullYear() : now.getUTCFullYear();
  const mo = local ? now.getMonth() : now.getUTCMonth();
  const candidates = [make(y, mo - 1), make(y, mo), make(y, mo + 1)].filter((t) => {
    // Day 31 in a 30-day month rolls into the next month: such a candidate is not that day.
    const d = new Date(t * 1000);
    return (local ? d.getDate() : d.getUTCDate()) === a;
  });
  // Nearest to now, preferring the past (a station cannot report from the future beyond clock skew).
  let best: number | undefined;
  for (const t of candidates) {
    if (t > nowS + 86400) continue;
    if (best === undefined || Math.abs(t - nowS) < Math.abs(best - nowS)) best = t;
  }
  return best;
}

/** Positionless weather `MMDDHHMM`. */
export function parseMdhmTimestamp(stamp: string, now: Date): number | undefined {
  const m = /^(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(stamp);
  if (!m) return undefined;
  const [mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return undefined;
  let t = Date.UTC(now.getUTCFullYear(), mo - 1, d, h, mi) / 1000;
  if (t > now.getTime() / 1000 + 86400) t = Date.UTC(now.getUTCFullYear() - 1, mo - 1, d, h, mi) / 1000;
  return t;
}
