/**
 * A parsed APRS packet. Field meanings and units follow Ham::APRS::FAP (the reference decoder our tests are
 * taken from): lat/lon in decimal degrees (south/west negative), speed km/h, course degrees (360 = north,
 * 0 = unknown), altitude metres, posResolution metres, weather in °C, m/s, mm, hPa.
 */
export interface AprsDigipeater {
  call: string;
  /** The `*` after it: it has repeated the packet. */
  wasDigied: boolean;
}

export type AprsPacketType =
  | 'location'
  | 'object'
  | 'item'
  | 'message'
  | 'status'
  | 'wx'
  | 'telemetry'
  | 'capabilities'
  | 'experimental'
  | 'nmea'
  | 'thirdparty';

export type AprsFormat = 'uncompressed' | 'compressed' | 'mice';

export interface AprsWeather {
  windDirection?: number;
  /** m/s, 1 decimal as FAP. */
  windSpeed?: number;
  windGust?: number;
  /** °C, 1 decimal. */
  temp?: number;
  humidity?: number;
  /** hPa (mbar), 1 decimal. */
  pressure?: number;
  /** mm, 1 decimal. */
  rain1h?: number;
  rain24h?: number;
  rainMidnight?: number;
  snow24h?: number;
  /** W/m². */
  luminosity?: number;
  /** Weather station software/unit id (e.g. `XRSW`). */
  soft?: string;
}

export interface AprsPacket {
  srcCallsign: string;
  dstCallsign: string;
  digipeaters: AprsDigipeater[];
  header: string;
  body: string;
  type?: AprsPacketType;
  format?: AprsFormat;
  latitude?: number;
  longitude?: number;
  /** Metres: how precise the transmitted position is. */
  posResolution?: number;
  /** 0 exact … 4 whole degree. */
  posAmbiguity?: number;
  symbolTable?: string;
  symbolCode?: string;
  /** Station can take messages (`=`/`@`); undefined where the format does not say (Mic-E). */
  messaging?: boolean;
  comment?: string;
  /** Unix seconds. */
  timestamp?: number;
  /** km/h. */
  speed?: number;
  course?: number;
  /** Metres. */
  altitude?: number;
  phg?: string;
  /** km. */
  radioRange?: number;
  objectName?: string;
  itemName?: string;
  alive?: boolean;
  /** Message addressee (trailing spaces removed). */
  destination?: string;
  message?: string;
  messageId?: string;
  /** Ack id: the id an `ack` acknowledges, or a reply-ack piggybacked on a message (`''` for a bare `}`). */
  messageAck?: string;
  messageRej?: string;
  status?: string;
  wx?: AprsWeather;
  telemetry?: { seq?: string; vals: number[]; bits?: string };
  /** Mic-E message bits as FAP prints them, e.g. `110`. */
  mbits?: string;
  /** A Mic-E packet that had lost a byte and was repaired (course/speed then unknown). */
  miceMangled?: boolean;
  warnings?: string[];
}

/** FAP's result codes, so an operator can look them up in its documentation. */
export type AprsErrorCode =
  | 'packet_no'
  | 'packet_short'
  | 'packet_nobody'
  | 'srccall_badchars'
  | 'srccall_noax25'
  | 'dstcall_none'
  | 'dstcall_noax25'
  | 'digicall_badchars'
  | 'digicall_noax25'
  | 'loc_short'
  | 'loc_inv'
  | 'loc_large'
  | 'sym_inv_table'
  | 'comp_inv'
  | 'comp_short'
  | 'mice_short'
  | 'mice_inv'
  | 'mice_inv_info'
  | 'mice_amb_large'
  | 'mice_amb_inv'
  | 'obj_short'
  | 'obj_inv'
  | 'item_short'
  | 'item_inv'
  | 'msg_inv'
  | 'wx_unsupp'
  | 'tlm_inv'
  | 'exp_unsupp'
  | 'type_not_supported';

export interface AprsError {
  code: AprsErrorCode;
  message: string;
  input: string;
}

export type AprsParsed =
  | { ok: true; packet: AprsPacket }
  /** `packet` holds whatever was understood before the failure (callsigns, type), as FAP does. */
  | { ok: false; error: AprsError; packet: Partial<AprsPacket> };

export interface AprsParseOptions {
  /** Reference time for timestamps that omit month/day (default: now). */
  now?: Date;
  /** Repair Mic-E packets that lost a byte in transit (FAP's accept_broken_mice). */
  acceptBrokenMice?: boolean;
}

/** Thrown only inside the parser and turned into an AprsError at its boundary. */
export class AprsFail extends Error {
  constructor(
    readonly code: AprsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const KNOT_TO_KMH = 1.852;
export const MPH_TO_MS = 0.44704;
export const FEET_TO_M = 0.3048;
export const HUNDREDTH_INCH_TO_MM = 0.254;
