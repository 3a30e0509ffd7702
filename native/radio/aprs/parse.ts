import { parseAprsHeader } from './header';
import { parseLocationAfterTimestamp } from './location';
import { parseMessage } from './message';
import { parseMicE } from './mice';
import { parseItem, parseObject } from './object';
import { parseTelemetry } from './telemetry';
import { parseAprsTimestamp, parseMdhmTimestamp } from './timestamp';
import { AprsFail, type AprsPacket, type AprsParseOptions, type AprsParsed } from './types';
import { parseWeather } from './weather';

/**
 * Parses one TNC2-format APRS packet (`SRC>DST,PATH:body`) the way Ham::APRS::FAP does. Never throws: a
 * packet it cannot use comes back as `{ ok: false }` with FAP's result code, a readable message and whatever
 * fields were understood before the failure.
 */
export function parseAprs(line: string, options: AprsParseOptions = {}): AprsParsed {
  const into: Partial<AprsPacket> = {};
  try {
    parseInto(line.replace(/[\r\n]+$/, ''), into, options);
    return { ok: true, packet: into as AprsPacket };
  } catch (e) {
    if (e instanceof AprsFail)
      return { ok: false, error: { code: e.code, message: e.message, input: line }, packet: into };
    throw e;
  }
}

function parseInto(line: string, into: Partial<AprsPacket>, options: AprsParseOptions): void {
  if (!line) throw new AprsFail('packet_no', 'empty packet');
  const colon = line.indexOf(':');
  if (colon < 0)
    throw new AprsFail('packet_nobody', `no ":" between header and body in "${line.slice(0, 40)}"`);
  const header = line.slice(0, colon);
  const body = line.slice(colon + 1);
  Object.assign(into, parseAprsHeader(header));
  into.header = header;
  into.body = body;
  if (!body) throw new AprsFail('packet_nobody', 'packet has an empty body');
  const now = options.now ?? new Date();
  const kind = body[0]!;

  switch (kind) {
    case "'":
    case '`':
    case '\x1c':
    case '\x1d':
      parseMicE(into.dstCallsign!, body.slice(1), into, options.acceptBrokenMice ?? false);
      return;
    case '!':
    case '=':
    case '/':
    case '@':
      parsePositionReport(body, into, now);
      return;
    case ';':
      parseObject(body, into, now);
      return;
    case ')':
      parseItem(body, into);
      return;
    case ':':
      parseMessage(body, into);
      return;
    case '>':
      parseStatus(body, into, now);
      return;
    case '_':
      parsePositionlessWeather(body, into, now);
      return;
    case 'T':
      if (body.startsWith('T#')) {
        parseTelemetry(body, into);
        return;
      }
      break;
    case '{':
      if (body.startsWith('{{')) {
        into.type = 'experimental';
        throw new AprsFail('exp_unsupp', 'experimental {{ packet formats are not supported');
      }
      break;
    case '<':
      into.type = 'capabilities';
      into.comment = body.slice(1).trim();
      return;
    case '$':
      into.type = 'nmea';
      into.comment = body;
      return;
    case '}':
      into.type = 'thirdparty';
      into.comment = body.slice(1);
      return;
  }
  // Last resort (APRS 1.01): a '!' within the first 40 characters starts a position.
  const bang = body.indexOf('!');
  if (bang >= 0 && bang < 40) {
    parsePositionReport(body.slice(bang), into, now);
    return;
  }
  throw new AprsFail('type_not_supported', `packet type "${kind}" is not supported`);
}

function parsePositionReport(body: string, into: Partial<AprsPacket>, now: Date): void {
  into.type = 'location';
  const kind = body[0];
  into.messaging = kind === '=' || kind === '@';
  if (body.length < 14) throw new AprsFail('packet_short', `position "${body}" is too short`);
  let rest = body.slice(1);
  if (kind === '/' || kind === '@') {
    const stamp = rest.slice(0, 7);
    const ts = parseAprsTimestamp(stamp, now);
    if (ts === undefined) (into.warnings ??= []).push(`position timestamp "${stamp}" is not a valid time`);
    else into.timestamp = ts;
    rest = rest.slice(7);
  }
  parseLocationAfterTimestamp(rest, into);
}

function parseStatus(body: string, into: Partial<AprsPacket>, now: Date): void {
  into.type = 'status';
  let text = body.slice(1);
  const stamp = /^\d{6}z/.exec(text);
  if (stamp) {
    const ts = parseAprsTimestamp(stamp[0], now);
    if (ts !== undefined) into.timestamp = ts;
    text = text.slice(7);
  }
  into.status = text.trim();
}

function parsePositionlessWeather(body: string, into: Partial<AprsPacket>, now: Date): void {
  into.type = 'wx';
  const ts = parseMdhmTimestamp(body.slice(1, 9), now);
  if (ts !== undefined) into.timestamp = ts;
  if (!parseWeather(body.slice(9), into))
    throw new AprsFail('wx_unsupp', `weather report "${body}" is not understood`);
}
