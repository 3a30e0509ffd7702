/**
 * The radio link form: what the technician types (strings) ⇄ the contract's RadioLinkInput, checked with the
 * contract's own schema so the editor refuses exactly what the host would. Problems are keyed by field so they
 * show next to the field; the host's cross-record refusals (a port already in use, an APRS link without the
 * callsign it sends as, a unit or radio that no longer exists) come back as issues with a path and land on the
 * same fields.
 */
import {
  LINK_KINDS,
  RadioLinkInputSchema,
  type RadioLink,
  type RadioLinkInput,
  type SerialSettingsInput,
} from '../../../contract/radio';
import type { ErrorIssue } from '../../../contract/errors';

export type LinkKind = (typeof LINK_KINDS)[number];

export interface LinkForm {
  id: string | null;
  name: string;
  enabled: boolean;
  callsign: string;
  kind: LinkKind;
  /** Serial links (KISS TNC, NMEA GPS). */
  path: string;
  baudRate: string;
  dataBits: string;
  parity: NonNullable<SerialSettingsInput['parity']>;
  stopBits: string;
  flow: NonNullable<SerialSettingsInput['flow']>;
  /** KISS links: the TNC's port nibble. */
  kissPort: string;
  /** KISS over TCP. */
  host: string;
  port: string;
  /** NMEA: the unit the receiver moves, and at most one position per this many seconds. */
  unitId: string;
  minIntervalS: string;
  /** rigctld: the radio profile. */
  profileId: string;
}

export const DEFAULT_BAUD: Record<'kiss_serial' | 'nmea_serial', string> = {
  kiss_serial: '9600',
  nmea_serial: '4800',
};

export const EMPTY_LINK: LinkForm = {
  id: null,
  name: '',
  enabled: true,
  callsign: '',
  kind: 'kiss_tcp',
  path: '',
  baudRate: DEFAULT_BAUD.kiss_serial,
  dataBits: '8',
  parity: 'none',
  stopBits: '1',
  flow: 'none',
  kissPort: '0',
  host: '127.0.0.1',
  port: '8001',
  unitId: '',
  minIntervalS: '5',
  profileId: '',
};

export type LinkField =
  | 'name'
  | 'callsign'
  | 'path'
  | 'baudRate'
  | 'serial'
  | 'kissPort'
  | 'host'
  | 'port'
  | 'unitId'
  | 'minInterval'
  | 'profileId'
  | 'form';

/** A problem to show: a message key (translated) or, for rules we do not know, the host's own words. */
export interface LinkProblem {
  key: string | null;
  text: string;
}
export type LinkProblems = Partial<Record<LinkField, LinkProblem>>;

/** APRS links send as a callsign; the others do not use one. */
export const isAprs = (kind: LinkKind): boolean => kind === 'kiss_serial' || kind === 'kiss_tcp';
export const isSerial = (kind: LinkKind): kind is 'kiss_serial' | 'nmea_serial' =>
  kind === 'kiss_serial' || kind === 'nmea_serial';

/** Switching kind keeps what the technician typed; only an untouched default baud rate follows the kind. */
export function withKind(f: LinkForm, kind: LinkKind): LinkForm {
  const next = { ...f, kind };
  if (isSerial(kind) && Object.values(DEFAULT_BAUD).includes(f.baudRate)) next.baudRate = DEFAULT_BAUD[kind];
  return next;
}

export function formFromLink(l: RadioLink): LinkForm {
  const e = l.endpoint;
  const f: LinkForm = { ...EMPTY_LINK, id: l.id, name: l.name, enabled: l.enabled, callsign: l.callsign };
  f.kind = e.kind;
  if (e.kind === 'kiss_serial' || e.kind === 'nmea_serial') {
    f.path = e.serial.path;
    f.baudRate = String(e.serial.baudRate);
    f.dataBits = String(e.serial.dataBits);
    f.parity = e.serial.parity;
    f.stopBits = String(e.serial.stopBits);
    f.flow = e.serial.flow;
  }
  if (e.kind === 'kiss_serial' || e.kind === 'kiss_tcp') f.kissPort = String(e.kissPort);
  if (e.kind === 'kiss_tcp') {
    f.host = e.host;
    f.port = String(e.port);
  }
  if (e.kind === 'nmea_serial') {
    f.unitId = e.unitId;
    f.minIntervalS = String(e.minIntervalMs / 1000);
  }
  if (e.kind === 'rigctld') f.profileId = e.profileId;
  return f;
}

const num = (s: string): number => (s.trim() === '' ? NaN : Number(s.trim()));
/** An empty optional number is left out, so the contract's default applies. */
const optNum = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));

function serialOf(f: LinkForm): SerialSettingsInput {
  return {
    path: f.path,
    baudRate: num(f.baudRate),
    dataBits: num(f.dataBits) as SerialSettingsInput['dataBits'],
    parity: f.parity,
    stopBits: num(f.stopBits) as SerialSettingsInput['stopBits'],
    flow: f.flow,
  };
}

export function inputFromForm(f: LinkForm): RadioLinkInput {
  const kissPort = optNum(f.kissPort);
  let endpoint: RadioLinkInput['endpoint'];
  switch (f.kind) {
    case 'kiss_serial':
      endpoint = { kind: 'kiss_serial', serial: serialOf(f), kissPort };
      break;
    case 'kiss_tcp':
      endpoint = { kind: 'kiss_tcp', host: f.host, port: num(f.port), kissPort };
      break;
    case 'nmea_serial': {
      const s = optNum(f.minIntervalS);
      endpoint = {
        kind: 'nmea_serial',
        serial: serialOf(f),
        unitId: f.unitId,
        minIntervalMs: s === undefined ? undefined : Math.round(s * 1000),
      };
      break;
    }
    case 'rigctld':
      endpoint = { kind: 'rigctld', profileId: f.profileId };
      break;
  }
  return {
    ...(f.id ? { id: f.id } : {}),
    name: f.name,
    enabled: f.enabled,
    callsign: isAprs(f.kind) ? f.callsign.trim() : '',
    endpoint,
  };
}

/**
 * The form field an issue path belongs to, and the message key for the rule behind it. `fromHost` marks the
 * host's cross-record rules, which the client-side schema cannot know.
 */
export function fieldOfIssue(
  path: string,
  f: LinkForm,
  fromHost = false,
): { field: LinkField; key: string | null } {
  const p = path.replace(/^\(root\)$/, '');
  if (p === 'name') return { field: 'name', key: f.name.trim() ? 'tech.err.nameLong' : 'tech.linkErr.name' };
  if (p === 'callsign')
    return {
      field: 'callsign',
      key: fromHost && !f.callsign.trim() ? 'tech.linkErr.callsignNeeded' : 'tech.err.callsign',
    };
  if (p === 'endpoint.serial.path')
    return {
      field: 'path',
      key: fromHost ? 'tech.linkErr.pathInUse' : f.path.trim() ? 'tech.err.serialPath' : 'tech.linkErr.path',
    };
  if (p === 'endpoint.serial.baudRate') return { field: 'baudRate', key: 'tech.linkErr.baud' };
  if (p.startsWith('endpoint.serial.')) return { field: 'serial', key: 'tech.linkErr.serial' };
  if (p === 'endpoint.kissPort') return { field: 'kissPort', key: 'tech.linkErr.kissPort' };
  if (p === 'endpoint.host') return { field: 'host', key: 'tech.linkErr.host' };
  if (p === 'endpoint.port') return { field: 'port', key: 'tech.err.port' };
  if (p === 'endpoint.unitId')
    return { field: 'unitId', key: fromHost ? 'tech.linkErr.unitGone' : 'tech.linkErr.unit' };
  if (p === 'endpoint.minIntervalMs') return { field: 'minInterval', key: 'tech.linkErr.minInterval' };
  if (p === 'endpoint.profileId')
    return { field: 'profileId', key: fromHost ? 'tech.linkErr.profileGone' : 'tech.linkErr.profile' };
  return { field: 'form', key: null };
}

export function problemsFromIssues(
  issues: readonly ErrorIssue[],
  f: LinkForm,
  fromHost = false,
): LinkProblems {
  const out: LinkProblems = {};
  for (const i of issues) {
    const { field, key } = fieldOfIssue(i.path, f, fromHost);
    if (!out[field]) out[field] = { key, text: i.message };
  }
  return out;
}

/** Client-side check with the contract's schema (the same one the host applies). */
export function validateLinkForm(f: LinkForm): { input: RadioLinkInput; problems: LinkProblems } {
  const input = inputFromForm(f);
  const r = RadioLinkInputSchema.safeParse(input);
  if (r.success) return { input, problems: {} };
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  return { input, problems: problemsFromIssues(issues, f) };
}
