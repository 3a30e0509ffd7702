import type { MethodParams } from '../../../contract/methods';
import type { Unit } from '../../../contract/domain/unit';

export interface UnitFormValues {
  kind: Unit['kind'];
  name: string;
  homeGrid: string;
  callsign: string;
  sipUri: string;
  lon: string;
  lat: string;
}

export const emptyUnitForm: UnitFormValues = {
  kind: 'grid_worker',
  name: '',
  homeGrid: '',
  callsign: '',
  sipUri: '',
  lon: '',
  lat: '',
};

export function formFromUnit(u: Unit): UnitFormValues {
  return {
    kind: u.kind,
    name: u.name,
    homeGrid: u.homeGrid ?? '',
    callsign: u.callsign,
    sipUri: u.sipUri,
    lon: u.position ? String(u.position.lon) : '',
    lat: u.position ? String(u.position.lat) : '',
  };
}

/** Field → i18n key of what is wrong with it. */
export type UnitFormErrors = Partial<Record<keyof UnitFormValues, string>>;

/**
 * Checks the form before it goes to the host (which checks again) and builds the params. A position is both
 * coordinates or neither; `lon`/`lat` errors say which range is allowed.
 */
export function toUnitParams(
  v: UnitFormValues,
): { params: MethodParams<'unit.create'> } | { errors: UnitFormErrors } {
  const errors: UnitFormErrors = {};
  if (!v.name.trim()) errors.name = 'units.err.name';
  const callsign = v.callsign.trim().toUpperCase();
  if (callsign && !/^[A-Z0-9-]{1,20}$/.test(callsign)) errors.callsign = 'units.err.callsign';
  const sip = v.sipUri.trim();
  if (sip && !/^sips?:\S+$/.test(sip)) errors.sipUri = 'units.err.sip';
  const hasLon = v.lon.trim() !== '';
  const hasLat = v.lat.trim() !== '';
  const lon = Number(v.lon);
  const lat = Number(v.lat);
  if (hasLon !== hasLat) errors[hasLon ? 'lat' : 'lon'] = 'units.err.both';
  if (hasLon && !(Number.isFinite(lon) && lon >= -180 && lon <= 180)) errors.lon = 'units.err.lon';
  if (hasLat && !(Number.isFinite(lat) && lat >= -90 && lat <= 90)) errors.lat = 'units.err.lat';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    params: {
      kind: v.kind,
      name: v.name.trim(),
      homeGrid: v.homeGrid || null,
      callsign,
      sipUri: sip,
      position: hasLon && hasLat ? { lon, lat } : null,
    },
  };
}
