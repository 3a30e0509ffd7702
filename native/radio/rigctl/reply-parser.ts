import { rigError, type RigError } from './errors';

export interface RigReply {
  /** Command name rigctld echoed (`get_freq`, `set_ptt`, …). */
  command: string;
  /** Arguments echoed after the name, as sent. */
  args: string;
  /** `Key: value` lines (`Frequency`, `Mode`, `Passband`, `PTT`, `VFO`, `Memory#`, …). */
  values: Record<string, string>;
  /** Value lines without a key (get_level sends just the number). */
  bare: string[];
  /** 0 or a negative Hamlib error code. */
  code: number;
  error?: RigError;
}

export type RigReplyEvent =
  { ok: true; reply: RigReply } | { ok: false; error: { kind: 'protocol'; message: string; input: string } };

export interface RigReplyParserOptions {
  maxLineLength?: number;
  /** Value lines allowed in one reply before it is declared runaway (dump_state-sized replies need ~100). */
  maxLinesPerReply?: number;
}

/**
 * Incremental parser for rigctld extended replies:
 *   get_freq:\nFrequency: 145000000\nRPRT 0\n
 * Feed it socket data in any chunking; it returns complete replies. Lines that cannot belong to a reply are
 * reported, never thrown, and parsing resumes at the next reply.
 */
export class RigReplyParser {
  private readonly maxLineLength: number;
  private readonly maxLines: number;
  private partial = '';
  private current: Omit<RigReply, 'code'> | undefined;
  private lines = 0;

  constructor(options: RigReplyParserOptions = {}) {
    this.maxLineLength = options.maxLineLength ?? 4096;
    this.maxLines = options.maxLinesPerReply ?? 512;
  }

  push(chunk: string | Uint8Array): RigReplyEvent[] {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1');
    const events: RigReplyEvent[] = [];
    let data = this.partial + text;
    let nl: number;
    while ((nl = data.indexOf('\n')) >= 0) {
      this.line(data.slice(0, nl).replace(/\r$/, ''), events);
      data = data.slice(nl + 1);
    }
    if (data.length > this.maxLineLength) {
      events.push(
        this.protocol(`reply line longer than ${this.maxLineLength} characters`, data.slice(0, 80)),
      );
      this.current = undefined;
      data = '';
    }
    this.partial = data;
    return events;
  }

  private line(line: string, events: RigReplyEvent[]): void {
    const rprt = /^RPRT (-?\d+)$/.exec(line);
    if (rprt) {
      const code = Number(rprt[1]);
      // A bare RPRT (no header) is how rigctld answers a command it could not even parse.
      const reply: RigReply = { ...(this.current ?? { command: '', args: '', values: {}, bare: [] }), code };
      if (code !== 0) reply.error = rigError(code);
      events.push({ ok: true, reply });
      this.current = undefined;
      return;
    }
    if (!this.current) {
      const head = /^([a-z_0-9\\]+):\s?(.*)$/.exec(line);
      if (head) {
        this.current = { command: head[1]!, args: head[2]!, values: {}, bare: [] };
        this.lines = 0;
      } else if (line !== '') {
        events.push(this.protocol('line outside any reply', line));
      }
      return;
    }
    if (++this.lines > this.maxLines) {
      events.push(
        this.protocol(
          `reply to ${this.current.command} has more than ${this.maxLines} lines without RPRT`,
          line,
        ),
      );
      this.current = undefined;
      return;
    }
    const kv = /^([A-Za-z][A-Za-z0-9 #_/()-]*):\s*(.*)$/.exec(line);
    if (kv) this.current.values[kv[1]!] = kv[2]!;
    else this.current.bare.push(line);
  }

  private protocol(message: string, input: string): RigReplyEvent {
    return { ok: false, error: { kind: 'protocol', message, input } };
  }
}
