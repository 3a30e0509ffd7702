export type NmeaLineErrorKind = 'garbage' | 'interrupted' | 'bad_char' | 'oversize' | 'truncated';

export interface NmeaLineError {
  kind: NmeaLineErrorKind;
  message: string;
  input: string;
}

export type NmeaLineEvent = { ok: true; line: string } | { ok: false; error: NmeaLineError };

export interface NmeaLineCounters {
  lines: number;
  garbageBytes: number;
  interrupted: number;
  badChars: number;
  oversize: number;
}

export interface NmeaLineDecoderOptions {
  /**
   * Longest sentence kept, `$` to checksum. NMEA 0183 says 82 with CR LF, but real receivers send longer
   * proprietary sentences that gpsd accepts (the 200-character `$PMTKCHN` of the mtk-3301 log).
   */
  maxLineLength?: number;
}

type State = 'hunt' | 'line' | 'skip';

/**
 * Cuts a serial byte stream into candidate sentences, like gpsd's packet lexer: a sentence starts at `$` or `!`,
 * ends at CR or LF, and a new `$` before the end means the previous one was cut short (receivers do that on
 * reset). Bytes outside sentences, control bytes inside one and over-long lines are counted and reported, never
 * thrown. Checksums are checked later by `parseNmeaSentence`.
 */
export class NmeaLineDecoder {
  readonly maxLineLength: number;
  private state: State = 'hunt';
  private line = '';
  private garbageRun = 0;
  private garbageSample = '';
  private readonly counters: NmeaLineCounters = {
    lines: 0,
    garbageBytes: 0,
    interrupted: 0,
    badChars: 0,
    oversize: 0,
  };

  constructor(options: NmeaLineDecoderOptions = {}) {
    this.maxLineLength = options.maxLineLength ?? 256;
  }

  get stats(): Readonly<NmeaLineCounters> {
    return { ...this.counters };
  }

  push(chunk: Uint8Array | string): NmeaLineEvent[] {
    const events: NmeaLineEvent[] = [];
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const c = typeof chunk === 'string' ? chunk.charCodeAt(i) & 0xff : chunk[i]!;
      if (c === 0x24 || c === 0x21) {
        this.endGarbage(events);
        if (this.state === 'line') {
          this.counters.interrupted++;
          events.push(this.error('interrupted', 'sentence cut short by the start of another', this.line));
        }
        this.state = 'line';
        this.line = String.fromCharCode(c);
        continue;
      }
      if (this.state === 'hunt') {
        if (c !== 0x0d && c !== 0x0a) {
          if (this.garbageSample.length < 32) this.garbageSample += String.fromCharCode(c);
          this.garbageRun++;
          this.counters.garbageBytes++;
        } else {
          this.endGarbage(events);
        }
        continue;
      }
      if (this.state === 'skip') {
        if (c === 0x0d || c === 0x0a) this.state = 'hunt';
        continue;
      }
      if (c === 0x0d || c === 0x0a) {
        this.counters.lines++;
        events.push({ ok: true, line: this.line });
        this.state = 'hunt';
        this.line = '';
      } else if (c < 0x20 || c > 0x7e) {
        this.counters.badChars++;
        events.push(
          this.error('bad_char', `byte 0x${c.toString(16).padStart(2, '0')} inside a sentence`, this.line),
        );
        this.state = 'skip';
        this.line = '';
      } else if (this.line.length >= this.maxLineLength) {
        this.counters.oversize++;
        events.push(
          this.error('oversize', `sentence longer than ${this.maxLineLength} characters`, this.line),
        );
        this.state = 'skip';
        this.line = '';
      } else {
        this.line += String.fromCharCode(c);
      }
    }
    return events;
  }

  /** End of stream: a sentence without its line end is reported as truncated, not used. */
  end(): NmeaLineEvent[] {
    const events: NmeaLineEvent[] = [];
    this.endGarbage(events);
    if (this.state === 'line')
      events.push(this.error('truncated', 'stream ended inside a sentence', this.line));
    this.state = 'hunt';
    this.line = '';
    return events;
  }

  private endGarbage(events: NmeaLineEvent[]): void {
    if (this.garbageRun === 0) return;
    const more = this.garbageRun > this.garbageSample.length ? '…' : '';
    events.push(
      this.error(
        'garbage',
        `${this.garbageRun} byte(s) outside any sentence skipped`,
        this.garbageSample + more,
      ),
    );
    this.garbageRun = 0;
    this.garbageSample = '';
  }

  private error(kind: NmeaLineErrorKind, message: string, input: string): NmeaLineEvent {
    return { ok: false, error: { kind, message, input } };
  }
}
