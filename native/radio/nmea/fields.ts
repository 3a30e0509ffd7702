/** Field parsers shared by the sentence decoders. Empty fields mean "not known" and give undefined. */

export class NmeaFieldError extends Error {}

export function optNumber(field: string | undefined, name: string): number | undefined {
  if (field === undefined || field === '') return undefined;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(field)) throw new NmeaFieldError(`${name} "${field}" is not a number`);
  return Number(field);
}

export function optInt(field: string | undefined, name: string): number | undefined {
  if (field === undefined || field === '') return undefined;
  if (!/^\d+$/.test(field)) throw new NmeaFieldError(`${name} "${field}" is not a whole number`);
  return Number(field);
}

/** `ddmm.mmmm` + hemisphere → signed degrees. */
export function optCoordinate(
  value: string | undefined,
  hemi: string | undefined,
  axis: 'lat' | 'lon',
): number | undefined {
  if (!value) return undefined;
  const m = /^(\d{2,3})(\d{2}(?:\.\d*)?)$/.exec(value);
  if (!m)
    throw new NmeaFieldError(`${axis === 'lat' ? 'latitude' : 'longitude'} "${value}" is not (d)ddmm.mmmm`);
  const deg = Number(m[1]) + Number(m[2]) / 60;
  const ok = axis === 'lat' ? /^[NS]$/.test(hemi ?? '') : /^[EW]$/.test(hemi ?? '');
  if (!ok)
    throw new NmeaFieldError(
      `hemisphere "${hemi ?? ''}" after ${value} is not ${axis === 'lat' ? 'N/S' : 'E/W'}`,
    );
  // Exactly 60 minutes occurs (MTK cold start sends 8960.0000 for 90°); more is damage.
  if (Number(m[2]) > 60 || deg > (axis === 'lat' ? 90 : 180)) {
    throw new NmeaFieldError(`${axis === 'lat' ? 'latitude' : 'longitude'} "${value}" is out of range`);
  }
  return hemi === 'S' || hemi === 'W' ? -deg : deg;
}

/** `hhmmss(.sss)` → milliseconds since midnight UTC. */
export function optTimeOfDay(field: string | undefined): number | undefined {
  if (!field) return undefined;
  const m = /^(\d{2})(\d{2})(\d{2}(?:\.\d+)?)$/.exec(field);
  if (!m) throw new NmeaFieldError(`time "${field}" is not hhmmss.ss`);
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // 60 seconds is allowed: a leap second.
  if (h > 23 || mi > 59 || s >= 61) throw new NmeaFieldError(`time "${field}" is out of range`);
  return Math.round(((h * 60 + mi) * 60 + s) * 1000);
}

export interface NmeaDate {
  year: number;
  month: number;
  day: number;
  /** True when the sender gave only two year digits (RMC), so the century was inferred. */
  twoDigitYear: boolean;
}

/** RMC `ddmmyy`; the century is resolved later by the fix state, which knows the history. */
export function optDdmmyy(field: string | undefined): NmeaDate | undefined {
  if (!field) return undefined;
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(field);
  if (!m) throw new NmeaFieldError(`date "${field}" is not ddmmyy`);
  const date = { day: Number(m[1]), month: Number(m[2]), year: Number(m[3]), twoDigitYear: true };
  if (date.day < 1 || date.day > 31 || date.month < 1 || date.month > 12)
    throw new NmeaFieldError(`date "${field}" is out of range`);
  return date;
}
