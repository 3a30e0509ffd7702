import { z } from 'zod';
import { LonLatSchema } from './domain/geo';
import { EpochMsSchema, IdSchema, TimelineEntrySchema } from './domain/incident';
import { UnitSchema } from './domain/unit';
import type { MethodSpec } from './methods';

/*
 * The radio contract: serial ports, radio profiles, links (KISS serial / KISS TCP / NMEA serial / rigctld),
 * the live serial monitor, the APRS inbox and heard stations, PTT, rig control, technician test actions and
 * walkie-talkie recordings. Everything the radio screens need goes through these methods and events; the host
 * owns the hardware. This file only grows: fields and methods are added, never renamed or removed.
 */

const none = z.undefined().or(z.object({}).strict()).optional();
const name = (max: number) =>
  z.string().trim().min(1, 'give it a name').max(max, `at most ${max} characters`);

/* ------------------------------------------------------------------------------------------------ serial */

/**
 * A device path as typed or picked: `/dev/ttyUSB0`, `/dev/serial/by-id/…`, a pty symlink, or `COM3`. ptys are
 * never listed by the operating system, so the UI must let the technician type one.
 */
export const SerialPathSchema = z
  .string()
  .trim()
  .min(1, 'enter a serial device path such as /dev/ttyUSB0 or COM3')
  .max(300)
  .refine((p) => /^(\/|COM\d+$|\\\\\.\\)/i.test(p), 'a serial device is an absolute path (/dev/…) or COMn');

export const BAUD_RATES = [
  110, 300, 600, 1200, 2400, 4800, 9600, 14400, 19200, 38400, 57600, 115200, 230400, 460800, 921600,
] as const;
export const SerialParitySchema = z.enum(['none', 'even', 'odd', 'mark', 'space']);
export const SerialFlowSchema = z.enum(['none', 'rtscts', 'xonxoff']);

/** How a port is opened. Defaults are 9600 8N1 without flow control (most TNCs and GPS receivers differ only in baud). */
export const SerialSettingsSchema = z.object({
  path: SerialPathSchema,
  baudRate: z
    .number()
    .int()
    .refine((b) => (BAUD_RATES as readonly number[]).includes(b), 'pick a standard baud rate')
    .default(9600),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).default(8),
  parity: SerialParitySchema.default('none'),
  stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)]).default(1),
  flow: SerialFlowSchema.default('none'),
});
export type SerialSettings = z.output<typeof SerialSettingsSchema>;
export type SerialSettingsInput = z.input<typeof SerialSettingsSchema>;

/** One device the operating system lists (USB adapters, built-in UARTs). */
export const SerialPortInfoSchema = z.object({
  path: z.string(),
  manufacturer: z.string().nullable(),
  serialNumber: z.string().nullable(),
  vendorId: z.string().nullable(),
  productId: z.string().nullable(),
  pnpId: z.string().nullable(),
});
export type SerialPortInfo = z.infer<typeof SerialPortInfoSchema>;

export const SerialListResultSchema = z.object({
  ports: z.array(SerialPortInfoSchema),
  /** False when the system could not list ports (e.g. Linux without udev); `reason` says why and what to do. */
  listed: z.boolean(),
  reason: z.string().nullable(),
});

/**
 * Per-port (and per-link) counters of what came in. Bad input is counted, shown in the monitor, and dropped:
 * it never stops the port or any other port.
 */
export const InputCountersSchema = z.object({
  bytesIn: z.number().int().nonnegative(),
  bytesOut: z.number().int().nonnegative(),
  /** Frames or sentences decoded successfully. */
  frames: z.number().int().nonnegative(),
  /** Bytes outside any frame, undecodable frames. */
  garbage: z.number().int().nonnegative(),
  /** NMEA checksum mismatches, AX.25 frames that fail to parse. */
  badChecksum: z.number().int().nonnegative(),
  /** Frames or lines longer than the protocol allows (dropped whole). */
  oversize: z.number().int().nonnegative(),
  /** Well-formed frames of a type we do not handle (unknown APRS type, unknown NMEA sentence). */
  unknown: z.number().int().nonnegative(),
});
export type InputCounters = z.infer<typeof InputCountersSchema>;

export const SERIAL_STATES = ['closed', 'opening', 'open', 'reconnecting', 'failed'] as const;
export const SerialPortStatusSchema = z.object({
  path: z.string(),
  state: z.enum(SERIAL_STATES),
  settings: SerialSettingsSchema,
  /** Who holds the port: `monitor` (opened from the technician screen) or a link id. */
  owner: z.string(),
  /** What went wrong last, in words a technician can act on. */
  lastError: z.string().nullable(),
  /** When reconnecting: the next attempt in this many ms, and how many attempts so far. */
  retryInMs: z.number().int().nonnegative().nullable(),
  attempts: z.number().int().nonnegative(),
  counters: InputCountersSchema,
  at: EpochMsSchema,
});
export type SerialPortStatus = z.infer<typeof SerialPortStatusSchema>;

/* ------------------------------------------------------------------------------------------------ radios */

export const PTT_METHODS = ['rigctld', 'rts', 'dtr', 'vox'] as const;
export const PttMethodSchema = z.enum(PTT_METHODS);
export type PttMethod = z.infer<typeof PttMethodSchema>;

/** Amateur/commercial callsign with optional SSID: `BG7ABC`, `BG7ABC-9`, `N0CALL-15`. Upper-cased on save. */
export const CallsignSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{1,6}(-(1[0-5]|[0-9]))?$/, 'a callsign is 1–6 letters/digits with an optional -SSID 0–15');

export const HostPortSchema = z.object({
  host: z.string().trim().min(1).max(253).default('127.0.0.1'),
  port: z.number().int().min(1).max(65535),
});

/** Hamlib mode names rigctld understands. */
export const RIG_MODES = [
  'FM',
  'FMN',
  'WFM',
  'AM',
  'USB',
  'LSB',
  'CW',
  'CWR',
  'RTTY',
  'PKTFM',
  'PKTUSB',
  'PKTLSB',
  'DSTAR',
] as const;
export const RigModeSchema = z.enum(RIG_MODES);

export const ChannelPresetSchema = z.object({
  name: name(40),
  frequencyHz: z.number().int().min(100_000).max(10_000_000_000),
  mode: RigModeSchema.default('FM'),
  /** Passband in Hz; 0 = the radio's default for the mode. */
  passbandHz: z.number().int().min(0).max(1_000_000).default(0),
  /** Memory channel number on the radio, when the preset is a stored channel. */
  memoryChannel: z.number().int().min(0).max(9999).nullable().default(null),
});
export type ChannelPreset = z.output<typeof ChannelPresetSchema>;

/**
 * How the console talks to the radio's CAT port: `spawn` = the host starts and supervises its own rigctld on
 * a loopback port (restarted if it dies); `connect` = use a rigctld somebody else runs; `none` = no CAT (a VOX
 * handheld).
 */
export const RigControlSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('spawn'),
    /** CAT serial device; empty for Hamlib's dummy rig (model 1). */
    device: z.string().trim().max(300).default(''),
    baudRate: z.number().int().min(300).max(921600).nullable().default(null),
    /** Loopback TCP port for the host's rigctld; null = pick a free one. */
    listenPort: z.number().int().min(1024).max(65535).nullable().default(null),
  }),
  z.object({ kind: z.literal('connect'), ...HostPortSchema.shape }),
  z.object({ kind: z.literal('none') }),
]);
export type RigControl = z.output<typeof RigControlSchema>;

const RadioProfileFields = z.object({
  name: name(60),
  /** Hamlib model number (`rigctl -l`): 1 = dummy, 3073 = IC-7300, 2014 = TS-2000 … */
  model: z.number().int().min(1).max(999_999),
  control: RigControlSchema,
  ptt: z.object({
    method: PttMethodSchema,
    /** Serial line for RTS/DTR keying (often the interface cable's port, not the CAT port). */
    serialPath: SerialPathSchema.nullable().default(null),
    /** Some interfaces key on a low line. */
    invert: z.boolean().default(false),
  }),
  /** The callsign this radio transmits as (APRS messages, test beacon). Empty = not bound. */
  callsign: CallsignSchema.or(z.literal('')).default(''),
  /** Unit this radio belongs to (its position and messages), if any. */
  unitId: IdSchema.nullable().default(null),
  /** Transmit time-out: the host always unkeys after this many seconds. */
  totSeconds: z.number().int().min(5).max(600).default(60),
  presets: z.array(ChannelPresetSchema).max(200).default([]),
});

/**
 * A radio profile. A bad profile cannot be saved: RTS/DTR keying needs a serial line, rigctld keying needs CAT
 * control, a spawned rigctld for a real radio needs its device, preset names are unique.
 */
export const RadioProfileInputSchema = RadioProfileFields.extend({ id: IdSchema.optional() }).superRefine(
  (p, ctx) => {
    if ((p.ptt.method === 'rts' || p.ptt.method === 'dtr') && !p.ptt.serialPath)
      ctx.addIssue({
        code: 'custom',
        path: ['ptt', 'serialPath'],
        message: `${p.ptt.method.toUpperCase()} keying needs the serial port whose line keys the radio`,
      });
    if (p.ptt.method === 'rigctld' && p.control.kind === 'none')
      ctx.addIssue({
        code: 'custom',
        path: ['ptt', 'method'],
        message:
          'PTT by rigctld needs rig control (spawn or connect); pick RTS, DTR or VOX for a radio without CAT',
      });
    if (p.control.kind === 'spawn' && p.model !== 1 && !p.control.device)
      ctx.addIssue({
        code: 'custom',
        path: ['control', 'device'],
        message: 'enter the radio’s CAT serial device (only the dummy rig, model 1, runs without one)',
      });
    const seen = new Set<string>();
    p.presets.forEach((preset, i) => {
      if (seen.has(preset.name))
        ctx.addIssue({
          code: 'custom',
          path: ['presets', i, 'name'],
          message: 'preset names must be unique',
        });
      seen.add(preset.name);
    });
  },
);
export type RadioProfileInput = z.input<typeof RadioProfileInputSchema>;

export const RadioProfileSchema = RadioProfileFields.extend({
  id: IdSchema,
  createdAt: EpochMsSchema,
  updatedAt: EpochMsSchema,
});
export type RadioProfile = z.output<typeof RadioProfileSchema>;

/* ------------------------------------------------------------------------------------------------ links */

/** KISS TNC on a serial port (a hardware TNC, or direwolf's `-p` pty). */
export const KissSerialLinkSchema = z.object({
  kind: z.literal('kiss_serial'),
  serial: SerialSettingsSchema,
  /** KISS port nibble (multi-port TNCs); 0 for most. */
  kissPort: z.number().int().min(0).max(15).default(0),
});
/** KISS over TCP (direwolf's KISSPORT, 8001 by default). */
export const KissTcpLinkSchema = z.object({
  kind: z.literal('kiss_tcp'),
  ...HostPortSchema.shape,
  kissPort: z.number().int().min(0).max(15).default(0),
});
/** NMEA 0183 from a GPS receiver or vehicle tracker; positions move the bound unit. */
export const NmeaSerialLinkSchema = z.object({
  kind: z.literal('nmea_serial'),
  serial: SerialSettingsSchema.extend({ baudRate: SerialSettingsSchema.shape.baudRate.default(4800) }),
  unitId: IdSchema,
  /** Write at most one position per this many ms (receivers talk 1–10 Hz). */
  minIntervalMs: z.number().int().min(0).max(600_000).default(5000),
});
/** Radio control through rigctld for a radio profile. */
export const RigctldLinkSchema = z.object({ kind: z.literal('rigctld'), profileId: IdSchema });

export const LinkEndpointSchema = z.discriminatedUnion('kind', [
  KissSerialLinkSchema,
  KissTcpLinkSchema,
  NmeaSerialLinkSchema,
  RigctldLinkSchema,
]);
export type LinkEndpoint = z.output<typeof LinkEndpointSchema>;
export const LINK_KINDS = ['kiss_serial', 'kiss_tcp', 'nmea_serial', 'rigctld'] as const;

export const RadioLinkInputSchema = z.object({
  id: IdSchema.optional(),
  name: name(60),
  enabled: z.boolean().default(true),
  /** APRS links: the callsign the console sends as (messages, acks, beacons). */
  callsign: CallsignSchema.or(z.literal('')).default(''),
  endpoint: LinkEndpointSchema,
});
export type RadioLinkInput = z.input<typeof RadioLinkInputSchema>;

export const LINK_STATES = ['stopped', 'connecting', 'up', 'reconnecting', 'failed'] as const;
export const RadioLinkSchema = z.object({
  id: IdSchema,
  name: z.string(),
  enabled: z.boolean(),
  callsign: z.string(),
  endpoint: LinkEndpointSchema,
  createdAt: EpochMsSchema,
  updatedAt: EpochMsSchema,
});
export type RadioLink = z.output<typeof RadioLinkSchema>;

export const RadioLinkStatusSchema = z.object({
  linkId: IdSchema,
  kind: z.enum(LINK_KINDS),
  state: z.enum(LINK_STATES),
  lastError: z.string().nullable(),
  retryInMs: z.number().int().nonnegative().nullable(),
  counters: InputCountersSchema,
  at: EpochMsSchema,
});
export type RadioLinkStatus = z.infer<typeof RadioLinkStatusSchema>;

/* ------------------------------------------------------------------------------------------------ monitor */

/** What a chunk of bytes decoded to, one line for the monitor. */
export const DecodedSummarySchema = z.object({
  kind: z.enum(['kiss', 'ax25', 'aprs', 'nmea', 'rigctl', 'garbage', 'none']),
  /** e.g. `N0CALL-9>APRS,WIDE1-1:!3630.00N/10340.00E>test 1` or `GGA fix 3 sats 8`. */
  summary: z.string(),
  /** Why it was rejected, if it was (`bad checksum`, `oversize`, `unknown APRS type '{'` …). */
  problem: z.string().nullable(),
});
export type DecodedSummary = z.infer<typeof DecodedSummarySchema>;

export const MonitorRecordSchema = z.object({
  /** Serial path or link id. */
  source: z.string(),
  linkId: IdSchema.nullable(),
  at: EpochMsSchema,
  direction: z.enum(['rx', 'tx']),
  /** Space-separated hex bytes (at most 1024 bytes shown; `truncated` says when more came). */
  hex: z.string(),
  /** The same bytes with non-printables as `.`. */
  ascii: z.string(),
  bytes: z.number().int().nonnegative(),
  truncated: z.boolean(),
  decoded: z.array(DecodedSummarySchema),
  counters: InputCountersSchema,
});
export type MonitorRecord = z.infer<typeof MonitorRecordSchema>;

/* ------------------------------------------------------------------------------------------------ APRS */

export const MESSAGE_STATES = ['received', 'queued', 'sent', 'acked', 'rejected', 'failed'] as const;
export const RadioMessageSchema = z.object({
  id: IdSchema,
  direction: z.enum(['in', 'out']),
  linkId: IdSchema.nullable(),
  from: z.string(),
  to: z.string(),
  text: z.string(),
  /** APRS message number (`{001`); null when the sender asked for no ack. */
  msgNo: z.string().nullable(),
  state: z.enum(MESSAGE_STATES),
  /** Transmissions so far (outgoing) and the bound. */
  attempts: z.number().int().nonnegative(),
  maxAttempts: z.number().int().nonnegative(),
  at: EpochMsSchema,
  updatedAt: EpochMsSchema,
  readAt: EpochMsSchema.nullable(),
  operator: z.string(),
});
export type RadioMessage = z.infer<typeof RadioMessageSchema>;

/** APRS message text: printable, no `|`, `~` or `{` (they break the format), at most 67 characters. */
export const AprsMessageTextSchema = z
  .string()
  .trim()
  .min(1, 'the message is empty')
  .max(67, 'an APRS message holds at most 67 characters')
  .refine((t) => /^[\x20-\x7e]*$/.test(t) && !/[|~{]/.test(t), 'use printable ASCII without | ~ {');

export const HeardStationSchema = z.object({
  callsign: z.string(),
  linkId: IdSchema.nullable(),
  firstHeardAt: EpochMsSchema,
  lastHeardAt: EpochMsSchema,
  packets: z.number().int().positive(),
  position: LonLatSchema.nullable(),
  /** Digipeater path of the last packet, e.g. `WIDE1-1`. */
  path: z.string(),
  symbol: z.string(),
  comment: z.string(),
  /** The unit bound to this callsign, if any. */
  unitId: IdSchema.nullable(),
  lastPacket: z.string(),
});
export type HeardStation = z.infer<typeof HeardStationSchema>;

export const UnitMovedSchema = z.object({
  unit: UnitSchema,
  /** `aprs:<callsign>` or `gps:<linkId>`. */
  source: z.string(),
  courseDeg: z.number().nullable(),
  speedKmh: z.number().nullable(),
  altitudeM: z.number().nullable(),
});
export type UnitMoved = z.infer<typeof UnitMovedSchema>;

/* ------------------------------------------------------------------------------------------------ PTT + rig */

export const PTT_SOURCES = ['button', 'spacebar', 'test', 'api'] as const;
export const PTT_END_REASONS = [
  'released',
  'tot',
  'disconnect',
  'host_closed',
  'error',
  'link_lost',
] as const;

export const PttStateSchema = z.object({
  profileId: IdSchema,
  keyed: z.boolean(),
  method: PttMethodSchema,
  operator: z.string().nullable(),
  source: z.enum(PTT_SOURCES).nullable(),
  keyedAt: EpochMsSchema.nullable(),
  /** When the transmit time-out will unkey. */
  deadlineAt: EpochMsSchema.nullable(),
  totSeconds: z.number().int(),
  /** Why the last key-down ended. */
  lastEnd: z.enum(PTT_END_REASONS).nullable(),
  /** A failure to key or unkey, for the technician (e.g. RTS on a pty: "Inappropriate ioctl for device"). */
  error: z.string().nullable(),
  at: EpochMsSchema,
});
export type PttState = z.infer<typeof PttStateSchema>;

export const PttLogEntrySchema = z.object({
  id: IdSchema,
  profileId: IdSchema,
  operator: z.string(),
  method: PttMethodSchema,
  source: z.enum(PTT_SOURCES),
  keyedAt: EpochMsSchema,
  unkeyedAt: EpochMsSchema,
  durationMs: z.number().int().nonnegative(),
  reason: z.enum(PTT_END_REASONS),
});
export type PttLogEntry = z.infer<typeof PttLogEntrySchema>;

export const RIG_STATES = ['stopped', 'starting', 'up', 'reconnecting', 'failed'] as const;
export const RigStatusSchema = z.object({
  profileId: IdSchema,
  state: z.enum(RIG_STATES),
  /** Where rigctld listens (`127.0.0.1:4532`). */
  endpoint: z.string().nullable(),
  /** The host's own rigctld process, when it spawned one. */
  pid: z.number().int().nullable(),
  restarts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  at: EpochMsSchema,
});
export type RigStatus = z.infer<typeof RigStatusSchema>;

/** What the radio reports. A null field is one the radio (or Hamlib backend) does not support. */
export const RigReadingSchema = z.object({
  profileId: IdSchema,
  frequencyHz: z.number().nullable(),
  mode: z.string().nullable(),
  passbandHz: z.number().nullable(),
  vfo: z.string().nullable(),
  memoryChannel: z.number().int().nullable(),
  /** Signal strength in dB relative to S9 (Hamlib STRENGTH). */
  strengthDb: z.number().nullable(),
  ptt: z.boolean().nullable(),
  at: EpochMsSchema,
});
export type RigReading = z.infer<typeof RigReadingSchema>;

const profileRef = z.object({ profileId: IdSchema });

/* ------------------------------------------------------------------------------------------------ recordings */

/** Recordings travel in chunks: a WebSocket/MessagePort frame holds at most 1 MiB, base64 inflates by 4/3. */
export const RECORDING_CHUNK_MAX_BYTES = 512 * 1024;
export const RECORDING_MAX_BYTES = 512 * 1024 * 1024;

export const RecordingMetaInputSchema = z.object({
  startedAt: EpochMsSchema,
  /** Radio channel or preset name as shown to the operator. */
  channel: z.string().trim().max(80).default(''),
  profileId: IdSchema.nullable().default(null),
  direction: z.enum(['rx', 'tx']),
  /** What keyed (tx) or what detected the transmission (rx: `vad`). */
  pttSource: z.enum(['button', 'spacebar', 'vox', 'vad', 'test', 'none']),
  mimeType: z
    .string()
    .max(100)
    .regex(/^audio\/(webm|ogg)(;\s*codecs="?opus"?)?$/, 'recordings are WebM or Ogg with Opus')
    .default('audio/webm;codecs=opus'),
});

export const RecordingSchema = z.object({
  id: IdSchema,
  startedAt: EpochMsSchema,
  endedAt: EpochMsSchema.nullable(),
  channel: z.string(),
  profileId: IdSchema.nullable(),
  direction: z.enum(['rx', 'tx']),
  pttSource: z.string(),
  mimeType: z.string(),
  bytes: z.number().int().nonnegative(),
  /** Hex SHA-256 of the finished file (evidence integrity). */
  sha256: z.string().nullable(),
  state: z.enum(['uploading', 'complete']),
  operator: z.string(),
  incidentIds: z.array(IdSchema),
});
export type Recording = z.infer<typeof RecordingSchema>;

const base64 = z
  .string()
  .max(Math.ceil(RECORDING_CHUNK_MAX_BYTES / 3) * 4, 'a chunk holds at most 512 KiB')
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'chunk data must be base64');

/* ------------------------------------------------------------------------------------------------ methods */

export const radioMethods = {
  // Serial ports (also usable directly from the technician screen for the monitor)
  'serial.list': { params: none, result: SerialListResultSchema },
  'serial.open': { params: SerialSettingsSchema, result: SerialPortStatusSchema },
  'serial.close': { params: z.object({ path: SerialPathSchema }), result: SerialPortStatusSchema },
  'serial.status': { params: none, result: z.array(SerialPortStatusSchema) },

  // Profiles
  'radio.profile.list': { params: none, result: z.array(RadioProfileSchema) },
  'radio.profile.save': { params: RadioProfileInputSchema, result: RadioProfileSchema },
  'radio.profile.delete': { params: z.object({ id: IdSchema }), result: z.object({ id: IdSchema }) },

  // Links
  'radio.link.list': {
    params: none,
    result: z.array(z.object({ link: RadioLinkSchema, status: RadioLinkStatusSchema })),
  },
  'radio.link.save': { params: RadioLinkInputSchema, result: RadioLinkSchema },
  'radio.link.delete': { params: z.object({ id: IdSchema }), result: z.object({ id: IdSchema }) },

  // Live monitor: records flow as `radio.monitor` events only for sources switched on here
  'radio.monitor.set': {
    params: z.object({ source: z.string().min(1).max(300), enabled: z.boolean() }),
    result: z.object({ sources: z.array(z.string()) }),
  },

  // APRS
  'radio.message.list': {
    params: z
      .object({
        direction: z.enum(['in', 'out']).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .default({ limit: 100 }),
    result: z.array(RadioMessageSchema),
  },
  'radio.message.send': {
    params: z.object({
      /** The APRS link to send on; omitted = the first enabled APRS link. */
      linkId: IdSchema.optional(),
      to: CallsignSchema,
      text: AprsMessageTextSchema,
      /** Transmissions before giving up (1 = no retry). */
      maxAttempts: z.number().int().min(1).max(10).default(3),
    }),
    result: RadioMessageSchema,
  },
  'radio.message.markRead': { params: z.object({ id: IdSchema }), result: RadioMessageSchema },
  'radio.heard.list': { params: none, result: z.array(HeardStationSchema) },
  /** Binds a callsign to a unit: APRS positions from it then move the unit. Empty string unbinds. */
  'radio.unit.setCallsign': {
    params: z.object({ unitId: IdSchema, callsign: CallsignSchema.or(z.literal('')) }),
    result: UnitSchema,
  },

  // PTT
  'radio.ptt.key': {
    params: profileRef.extend({ source: z.enum(PTT_SOURCES).default('button') }),
    result: PttStateSchema,
  },
  'radio.ptt.unkey': { params: profileRef, result: PttStateSchema },
  'radio.ptt.state': { params: none, result: z.array(PttStateSchema) },
  'radio.ptt.log': {
    params: z
      .object({ profileId: IdSchema.optional(), limit: z.number().int().min(1).max(1000).default(100) })
      .default({ limit: 100 }),
    result: z.array(PttLogEntrySchema),
  },

  // Rig control
  'radio.rig.status': { params: none, result: z.array(RigStatusSchema) },
  'radio.rig.read': { params: profileRef, result: RigReadingSchema },
  'radio.rig.setFrequency': {
    params: profileRef.extend({ frequencyHz: z.number().int().min(100_000).max(10_000_000_000) }),
    result: RigReadingSchema,
  },
  'radio.rig.setMode': {
    params: profileRef.extend({ mode: RigModeSchema, passbandHz: z.number().int().min(0).default(0) }),
    result: RigReadingSchema,
  },
  'radio.rig.setVfo': {
    params: profileRef.extend({ vfo: z.enum(['VFOA', 'VFOB', 'currVFO', 'MEM', 'Main', 'Sub']) }),
    result: RigReadingSchema,
  },
  'radio.rig.setChannel': {
    params: profileRef.extend({ memoryChannel: z.number().int().min(0).max(9999) }),
    result: RigReadingSchema,
  },
  'radio.rig.applyPreset': { params: profileRef.extend({ preset: name(40) }), result: RigReadingSchema },

  // Technician test actions
  'radio.test.keyPtt': {
    params: profileRef.extend({ ms: z.number().int().min(100).max(5000).default(1000) }),
    result: z.object({ ok: z.boolean(), durationMs: z.number().int(), message: z.string() }),
  },
  'radio.test.beacon': {
    params: z.object({ linkId: IdSchema, text: z.string().trim().max(43).default('Fengsui test beacon') }),
    result: z.object({ ok: z.boolean(), packet: z.string() }),
  },
  'radio.test.readFrequency': {
    params: profileRef,
    result: z.object({ frequencyHz: z.number(), mode: z.string().nullable() }),
  },

  // Recordings: begin → chunk* → finish (or abort); read back in chunks
  'radio.recording.begin': {
    params: RecordingMetaInputSchema,
    result: z.object({ id: IdSchema, chunkMaxBytes: z.number().int() }),
  },
  'radio.recording.chunk': {
    params: z.object({
      id: IdSchema,
      /** Byte offset of this chunk: a resent chunk at an old offset is ignored, a gap is refused. */
      offset: z.number().int().min(0).max(RECORDING_MAX_BYTES),
      data: base64,
    }),
    result: z.object({ bytes: z.number().int() }),
  },
  'radio.recording.finish': {
    params: z.object({
      id: IdSchema,
      endedAt: EpochMsSchema,
      sha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional(),
    }),
    result: RecordingSchema,
  },
  'radio.recording.abort': { params: z.object({ id: IdSchema }), result: z.object({ id: IdSchema }) },
  'radio.recording.list': {
    params: z
      .object({
        limit: z.number().int().min(1).max(500).default(50),
        before: EpochMsSchema.optional(),
        incidentId: IdSchema.optional(),
      })
      .default({ limit: 50 }),
    result: z.array(RecordingSchema),
  },
  'radio.recording.read': {
    params: z.object({
      id: IdSchema,
      offset: z.number().int().min(0).default(0),
      length: z.number().int().min(1).max(RECORDING_CHUNK_MAX_BYTES).default(RECORDING_CHUNK_MAX_BYTES),
    }),
    result: z.object({
      data: z.string(),
      offset: z.number().int(),
      total: z.number().int(),
      eof: z.boolean(),
    }),
  },
  /** Adds a `link` timeline entry `{ type: 'radio_recording', recordingId, startedAt, endedAt, channel }`. */
  'radio.recording.attach': {
    params: z.object({ id: IdSchema, incidentId: IdSchema }),
    result: TimelineEntrySchema,
  },
} as const satisfies Record<string, MethodSpec>;

/* ------------------------------------------------------------------------------------------------ events */

export const radioEvents = {
  'serial.status': SerialPortStatusSchema,
  'radio.link.status': RadioLinkStatusSchema,
  'radio.link.changed': z.object({ id: IdSchema, link: RadioLinkSchema.nullable() }),
  'radio.profile.changed': z.object({ id: IdSchema, profile: RadioProfileSchema.nullable() }),
  'radio.monitor': MonitorRecordSchema,
  'radio.message': RadioMessageSchema,
  'radio.heard': HeardStationSchema,
  /** A unit's position changed (APRS or GPS). The map moves the marker. */
  'unit.moved': UnitMovedSchema,
  'radio.ptt': PttStateSchema,
  'radio.rig.status': RigStatusSchema,
  'radio.rig.reading': RigReadingSchema,
  'radio.recording': RecordingSchema,
} as const satisfies Record<string, z.ZodType>;
