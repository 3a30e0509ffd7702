import { toHex } from '../bytes';
import { FEND, FESC, TFEND, TFESC } from './constants';
import { parseKissType, type KissFrame } from './frame';

export type KissErrorKind = 'garbage' | 'bad_escape' | 'oversize' | 'unknown_command' | 'truncated';

export interface KissError {
  kind: KissErrorKind;
  /** What failed, in words an operator can act on. */
  message: string;
  /** The offending bytes (hex, shortened). */
  input: string;
}

export type KissEvent = { ok: true; frame: KissFrame } | { ok: false; error: KissError };

export interface KissCounters {
  frames: number;
  garbageBytes: number;
  badEscapes: number;
  oversize: number;
  unknownCommands: number;
  truncated: number;
}

export interface KissDecoderOptions {
  /** Largest unescaped frame (type byte + payload) kept; longer ones are discarded and counted. */
  maxFrameBytes?: number;
}

type State = 'hunt' | 'frame' | 'escape' | 'discard';

/**
 * Stream decoder for KISS: feed it whatever the serial port or socket handed over, in any chunking, and it
 * returns the frames completed by that chunk. It never throws on input; damage is reported as error events and
 * counters, and decoding resumes at the next FEND.
 */
export class KissDecoder {
  readonly maxFrameBytes: number;
  private state: State = 'hunt';
  private buf: Uint8Array;
  private len = 0;
  private garbageRun = 0;
  /** First few garbage bytes of the current run, so the report shows what was skipped. */
  private garbageSample: number[] = [];
  private discardReason: KissError | undefined;
  private readonly counters: KissCounters = {
    frames: 0,
    garbageBytes: 0,
    badEscapes: 0,
    oversize: 0,
    unknownCommands: 0,
    truncated: 0,
  };

  constructor(options: KissDecoderOptions = {}) {
    this.maxFrameBytes = Math.max(1, options.maxFrameBytes ?? 2048);
    this.buf = new Uint8Array(Math.min(this.maxFrameBytes, 512));
  }

  get stats(): Readonly<KissCounters> {
    return { ...this.counters };
  }

  push(chunk: Uint8Array): KissEvent[] {
    const events: KissEvent[] = [];
    for (const b of chunk) {
      switch (this.state) {
        case 'hunt':
          if (b === FEND) {
            this.endGarbage(events);
            this.startFrame();
          } else {
            if (this.garbageSample.length < 16) this.garbageSample.push(b);
            this.garbageRun++;
            this.counters.garbageBytes++;
          }
          break;
        case 'discard':
          if (b === FEND) {
            if (this.discardReason) events.push({ ok: false, error: this.discardReason });
            this.discardReason = undefined;
            this.startFrame();
          }
          break;
        case 'escape':
          if (b === TFEND) this.append(FEND);
          else if (b === TFESC) this.append(FESC);
          else {
            this.counters.badEscapes++;
            this.discard({
              kind: 'bad_escape',
              message: `KISS escape 0xDB followed by 0x${b.toString(16).padStart(2, '0')} (expected 0xDC or 0xDD); frame dropped`,
              input: toHex(this.buf.subarray(0, this.len)),
            });
            if (b === FEND) {
              // The stray byte is itself a frame boundary: report now and start the next frame.
              events.push({ ok: false, error: this.discardReason! });
              this.discardReason = undefined;
              this.startFrame();
            }
            break;
          }
          if (this.state === 'escape') this.state = 'frame';
          break;
        case 'frame':
          if (b === FEND) {
            this.finishFrame(events);
            this.startFrame();
          } else if (b === FESC) {
            this.state = 'escape';
          } else {
            this.append(b);
          }
          break;
      }
    }
    return events;
  }

  /** End of stream: whatever was not closed by a FEND is reported, not silently lost. */
  end(): KissEvent[] {
    const events: KissEvent[] = [];
    this.endGarbage(events);
    if ((this.state === 'frame' || this.state === 'escape') && this.len > 0) {
      this.counters.truncated++;
      events.push({
        ok: false,
        error: {
          kind: 'truncated',
          message: `stream ended inside a KISS frame (${this.len} bytes without closing FEND)`,
          input: toHex(this.buf.subarray(0, this.len)),
        },
      });
    } else if (this.state === 'discard' && this.discardReason) {
      events.push({ ok: false, error: this.discardReason });
    }
    this.discardReason = undefined;
    this.state = 'hunt';
    this.len = 0;
    return events;
  }

  private startFrame(): void {
    this.state = 'frame';
    this.len = 0;
  }

  private endGarbage(events: KissEvent[]): void {
    if (this.garbageRun === 0) return;
    events.push({
      ok: false,
      error: {
        kind: 'garbage',
        message: `${this.garbageRun} byte(s) outside any KISS frame skipped`,
        input:
          toHex(Uint8Array.from(this.garbageSample)) +
          (this.garbageRun > this.garbageSample.length ? ' …' : ''),
      },
    });
    this.garbageRun = 0;
    this.garbageSample = [];
  }

  private discard(reason: KissError): void {
    this.state = 'discard';
    this.discardReason = reason;
    this.len = 0;
  }

  private append(b: number): void {
    if (this.len >= this.maxFrameBytes) {
      this.counters.oversize++;
      this.discard({
        kind: 'oversize',
        message: `KISS frame longer than ${this.maxFrameBytes} bytes; discarded up to the next FEND`,
        input: toHex(this.buf.subarray(0, 16)),
      });
      return;
    }
    if (this.len === this.buf.length) {
      const grown = new Uint8Array(Math.min(this.maxFrameBytes, this.buf.length * 2));
      grown.set(this.buf);
      this.buf = grown;
    }
    this.buf[this.len++] = b;
  }

  private finishFrame(events: KissEvent[]): void {
    // Back-to-back FENDs are idle fill, not frames.
    if (this.len === 0) return;
    const type = parseKissType(this.buf[0]!);
    if ('kind' in type) {
      this.counters.unknownCommands++;
      events.push({
        ok: false,
        error: {
          kind: 'unknown_command',
          message: `KISS type byte 0x${type.typeByte.toString(16).padStart(2, '0')} is not a known command`,
          input: toHex(this.buf.subarray(0, this.len)),
        },
      });
      return;
    }
    this.counters.frames++;
    events.push({ ok: true, frame: { ...type, payload: this.buf.slice(1, this.len) } });
  }
}
