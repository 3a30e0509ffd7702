/**
 * The radio profile form: what the technician types (strings) ⇄ the contract's RadioProfileInput, and the
 * contract's own schema as the client-side check, so the form refuses exactly what the host would. Problems are
 * keyed by field so they show next to the field, in the operator's language where we know the rule.
 */
import {
  RadioProfileInputSchema,
  RIG_MODES,
  type PttMethod,
  type RadioProfile,
  type RadioProfileInput,
} from '../../../contract/radio';
import type { ErrorIssue } from '../../../contract/errors';

export type ControlKind = 'spawn' | 'connect' | 'none';

export interface ProfileForm {
  id: string | null;
  name: string;
  model: string;
  controlKind: ControlKind;
  device: string;
  baudRate: string;
  host: string;
  port: string;
  pttMethod: PttMethod;
  pttSerialPath: string;
  pttInvert: boolean;
  callsign: string;
  totSeconds: string;
  /** One preset a line: `name, MHz[, mode]`. */
  presets: string;
}

export const EMPTY_FORM: ProfileForm = {
  id: null,
  name: '',
  model: '1',
  controlKind: 'spawn',
  device: '',
  baudRate: '',
  host: '127.0.0.1',
  port: '4532',
  pttMethod: 'rigctld',
  pttSerialPath: '',
  pttInvert: false,
  callsign: '',
  totSeconds: '60',
  presets: '',
};

export type FieldName =
  | 'name'
  | 'model'
  | 'device'
  | 'baudRate'
  | 'host'
  | 'port'
  | 'pttMethod'
  | 'pttSerialPath'
  | 'callsign'
  | 'totSeconds'
  | 'presets'
  | 'form';

/** A problem to show: a message key (translated) or, for rules we do not know, the host's own words. */
export interface FieldProblem {
  key: string | null;
  text: string;
}
export type Problems = Partial<Record<FieldName, FieldProblem>>;

export function formFromProfile(p: RadioProfile): ProfileForm {
  const c = p.control;
  return {
    id: p.id,
    name: p.name,
    model: String(p.model),
    controlKind: c.kind,
    device: c.kind === 'spawn' ? c.device : '',
    baudRate: c.kind === 'spawn' && c.baudRate !== null ? String(c.baudRate) : '',
    host: c.kind === 'connect' ? c.host : '127.0.0.1',
    port: c.kind === 'connect' ? String(c.port) : '4532',
    pttMethod: p.ptt.method,
    pttSerialPath: p.ptt.serialPath ?? '',
    pttInvert: p.ptt.invert,
    callsign: p.callsign,
    totSeconds: String(p.totSeconds),
    presets: p.presets.map((x) => `${x.name}, ${(x.frequencyHz / 1e6).toFixed(4)}, ${x.mode}`).join('\n'),
  };
}

const num = (s: string): number => (s.trim() === '' ? NaN : Number(s.trim()));

export function parsePresets(text: string): { presets: RadioProfileInput['presets']; bad: number | null } {
  const presets: NonNullable<RadioProfileInput['presets']> = [];
  const lines = text.split('\n').map((l) => l.trim());
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const [name, mhz, mode] = line.split(/\s*[,，]\s*/);
    const f = Number(mhz);
    const m = (mode ?? 'FM').toUpperCase();
    if (!name || !Number.isFinite(f) || f <= 0 || !(RIG_MODES as readonly string[]).includes(m))
      return { presets, bad: i + 1 };
    presets.push({ name, frequencyHz: Math.round(f * 1e6), mode: m as (typeof RIG_MODES)[number] });
  }
  return { presets, bad: null };
}

export function inputFromForm(f: ProfileForm): RadioProfileInput {
  const control: RadioProfileInput['control'] =
    f.controlKind === 'spawn'
      ? { kind: 'spawn', device: f.device.trim(), baudRate: f.baudRate.trim() ? num(f.baudRate) : null }
      : f.controlKind === 'connect'
        ? { kind: 'connect', host: f.host.trim(), port: num(f.port) }
        : { kind: 'none' };
  return {
    ...(f.id ? { id: f.id } : {}),
    name: f.name,
    model: num(f.model),
    control,
    ptt: {
      method: f.pttMethod,
      serialPath: f.pttSerialPath.trim() ? f.pttSerialPath.trim() : null,
      invert: f.pttInvert,
    },
    callsign: f.callsign.trim(),
    totSeconds: num(f.totSeconds),
    presets: parsePresets(f.presets).presets,
  };
}

/** The form field an issue path belongs to, and the message key for the rule behind it. */
export function fieldOfIssue(path: string, f: ProfileForm): { field: FieldName; key: string | null } {
  const p = path.replace(/^\(root\)$/, '');
  if (p === 'name') return { field: 'name', key: f.name.trim() ? 'tech.err.nameLong' : 'tech.err.name' };
  if (p === 'model') return { field: 'model', key: 'tech.err.model' };
  if (p === 'control.device') return { field: 'device', key: 'tech.err.catDevice' };
  if (p === 'control.baudRate') return { field: 'baudRate', key: 'tech.err.baud' };
  if (p === 'control.host') return { field: 'host', key: 'tech.err.host' };
  if (p === 'control.port' || p === 'control.listenPort') return { field: 'port', key: 'tech.err.port' };
  if (p === 'ptt.method') return { field: 'pttMethod', key: 'tech.err.pttNeedsCat' };
  if (p === 'ptt.serialPath')
    return {
      field: 'pttSerialPath',
      key: f.pttSerialPath.trim() ? 'tech.err.serialPath' : 'tech.err.pttSerial',
    };
  if (p === 'callsign') return { field: 'callsign', key: 'tech.err.callsign' };
  if (p === 'totSeconds') return { field: 'totSeconds', key: 'tech.err.tot' };
  if (p.startsWith('presets'))
    return { field: 'presets', key: /name$/.test(p) ? 'tech.err.presetUnique' : 'tech.err.presets' };
  return { field: 'form', key: null };
}

export function problemsFromIssues(issues: readonly ErrorIssue[], f: ProfileForm): Problems {
  const out: Problems = {};
  for (const i of issues) {
    const { field, key } = fieldOfIssue(i.path, f);
    if (!out[field]) out[field] = { key, text: i.message };
  }
  return out;
}

/** Client-side check with the contract's schema (the same one the host applies). */
export function validateForm(f: ProfileForm): { input: RadioProfileInput; problems: Problems } {
  const input = inputFromForm(f);
  const problems: Problems = {};
  const pp = parsePresets(f.presets);
  if (pp.bad !== null) problems.presets = { key: 'tech.err.presetLine', text: `line ${pp.bad}` };
  const r = RadioProfileInputSchema.safeParse(input);
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    Object.assign(problems, { ...problemsFromIssues(issues, f), ...problems });
  }
  return { input, problems };
}
