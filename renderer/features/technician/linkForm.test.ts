import { describe, expect, it } from 'vitest';
import { RadioLinkInputSchema, type RadioLink } from '../../../contract/radio';
import {
  EMPTY_LINK,
  formFromLink,
  inputFromForm,
  problemsFromIssues,
  validateLinkForm,
  withKind,
  type LinkForm,
} from './linkForm';

const UNIT = '01890000-0000-7000-8000-000000000001';
const PROFILE = '01890000-0000-7000-8000-000000000002';

const tcp: LinkForm = { ...EMPTY_LINK, name: 'direwolf', callsign: 'bh4con-2', port: '8001' };

describe('radio link form', () => {
  it('a KISS TCP link passes and is what the host expects', () => {
    const { input, problems } = validateLinkForm(tcp);
    expect(problems).toEqual({});
    const parsed = RadioLinkInputSchema.parse(input);
    expect(parsed).toMatchObject({
      name: 'direwolf',
      callsign: 'BH4CON-2',
      enabled: true,
      endpoint: { kind: 'kiss_tcp', host: '127.0.0.1', port: 8001, kissPort: 0 },
    });
  });

  it('every kind round-trips through the form', () => {
    const now = Date.now();
    const base = { id: PROFILE, enabled: true, createdAt: now, updatedAt: now };
    const serial = {
      path: '/dev/ttyUSB0',
      baudRate: 4800,
      dataBits: 7,
      parity: 'even',
      stopBits: 2,
      flow: 'none',
    };
    const links: RadioLink[] = [
      {
        ...base,
        name: 'TNC',
        callsign: 'BG7ABC',
        endpoint: { kind: 'kiss_serial', serial: { ...serial, baudRate: 9600 }, kissPort: 1 },
      },
      {
        ...base,
        name: 'dw',
        callsign: 'BG7ABC-1',
        endpoint: { kind: 'kiss_tcp', host: '10.0.0.2', port: 8001, kissPort: 0 },
      },
      {
        ...base,
        name: 'GPS',
        callsign: '',
        endpoint: { kind: 'nmea_serial', serial, unitId: UNIT, minIntervalMs: 2500 },
      },
      { ...base, name: 'Rig', callsign: '', endpoint: { kind: 'rigctld', profileId: PROFILE } },
    ] as RadioLink[];
    for (const l of links) {
      const { input, problems } = validateLinkForm(formFromLink(l));
      expect(problems, l.name).toEqual({});
      const parsed = RadioLinkInputSchema.parse(input);
      expect(parsed.endpoint).toEqual(l.endpoint);
      expect(parsed.id).toBe(l.id);
    }
  });

  it('a bad port, host and KISS port are refused next to their fields', () => {
    const { problems } = validateLinkForm({ ...tcp, port: '70000', host: ' ', kissPort: '16' });
    expect(problems.port?.key).toBe('tech.err.port');
    expect(problems.host?.key).toBe('tech.linkErr.host');
    expect(problems.kissPort?.key).toBe('tech.linkErr.kissPort');
    expect(validateLinkForm({ ...tcp, port: '' }).problems.port).toBeDefined();
  });

  it('a bad callsign and a missing name are refused', () => {
    const { problems } = validateLinkForm({ ...tcp, name: '', callsign: 'NOT A CALL' });
    expect(problems.name?.key).toBe('tech.linkErr.name');
    expect(problems.callsign?.key).toBe('tech.err.callsign');
  });

  it('a serial link needs a device path; a GPS needs its unit; rigctld needs its radio', () => {
    const kiss = validateLinkForm({ ...withKind(tcp, 'kiss_serial'), path: '' });
    expect(kiss.problems.path?.key).toBe('tech.linkErr.path');
    expect(validateLinkForm({ ...withKind(tcp, 'kiss_serial'), path: 'ttyUSB0' }).problems.path?.key).toBe(
      'tech.err.serialPath',
    );
    const gps = validateLinkForm({ ...withKind(tcp, 'nmea_serial'), path: '/dev/ttyACM0' });
    expect(gps.problems.unitId?.key).toBe('tech.linkErr.unit');
    expect(
      validateLinkForm({
        ...withKind(tcp, 'nmea_serial'),
        path: '/dev/ttyACM0',
        minIntervalS: '-1',
        unitId: UNIT,
      }).problems.minInterval?.key,
    ).toBe('tech.linkErr.minInterval');
    expect(validateLinkForm(withKind(tcp, 'rigctld')).problems.profileId?.key).toBe('tech.linkErr.profile');
  });

  it('non-APRS links send no callsign; the GPS default baud follows the kind until changed', () => {
    const gps = withKind({ ...withKind(tcp, 'kiss_serial'), path: '/dev/ttyACM0' }, 'nmea_serial');
    expect(gps.baudRate).toBe('4800');
    expect(withKind(tcp, 'nmea_serial').baudRate).toBe('4800');
    expect(inputFromForm({ ...gps, unitId: UNIT }).callsign).toBe('');
    expect(withKind({ ...gps, baudRate: '38400' }, 'kiss_serial').baudRate).toBe('38400');
  });

  it("the host's cross-record refusals land on the fields they name", () => {
    const p = problemsFromIssues(
      [
        { path: 'callsign', message: 'an APRS link needs the callsign' },
        { path: 'endpoint.serial.path', message: '/dev/x is already used by link "TNC"' },
        { path: 'endpoint.unitId', message: 'no unit' },
        { path: '(root)', message: 'something else' },
      ],
      { ...tcp, callsign: '' },
      true,
    );
    expect(p.callsign?.key).toBe('tech.linkErr.callsignNeeded');
    expect(p.path?.key).toBe('tech.linkErr.pathInUse');
    expect(p.unitId?.key).toBe('tech.linkErr.unitGone');
    expect(p.form).toEqual({ key: null, text: 'something else' });
  });
});
