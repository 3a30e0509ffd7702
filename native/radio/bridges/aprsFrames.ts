import { decodeAx25 } from '../ax25/frame';
import { formatTnc2 } from '../ax25/tnc2';
import { parseAprs } from '../aprs/parse';
import type { AprsPacket } from '../aprs/types';
import { KissDecoder } from '../kiss/decoder';
import type { InputCounters, Decoded } from './counters';

/** APRS errors that mean "well-formed, just a type we do not handle" rather than damage. */
const UNSUPPORTED = new Set(['type_not_supported', 'exp_unsupp', 'wx_unsupp']);

export interface AprsHeard {
  packet: AprsPacket;
  tnc2: string;
  kissPort: number;
}

/**
 * Bytes from a KISS TNC (serial or TCP) → KISS frames → AX.25 → APRS, counting every rejection by kind. One
 * instance per link, so damage on one link is counted there and cannot disturb another. (The caller counts
 * bytesIn: it owns the port.)
 */
export class AprsFrameStream {
  private readonly kiss: KissDecoder;

  constructor(
    private readonly counters: InputCounters,
    options: { maxFrameBytes?: number } = {},
  ) {
    // AX.25 UI with 8 digipeaters and 256 info bytes is ~330 bytes; anything much larger is not a frame.
    this.kiss = new KissDecoder({ maxFrameBytes: options.maxFrameBytes ?? 1024 });
  }

  push(chunk: Uint8Array): { heard: AprsHeard[]; decoded: Decoded[] } {
    const heard: AprsHeard[] = [];
    const decoded: Decoded[] = [];
    for (const ev of this.kiss.push(chunk)) {
      if (!ev.ok) {
        const k = ev.error.kind;
        if (k === 'oversize') this.counters.oversize++;
        else if (k === 'unknown_command') this.counters.unknown++;
        else this.counters.garbage++;
        decoded.push({
          kind: k === 'garbage' ? 'garbage' : 'kiss',
          summary: ev.error.input,
          problem: ev.error.message,
        });
        continue;
      }
      const { frame } = ev;
      if (frame.command !== 'data') {
        this.counters.unknown++;
        decoded.push({
          kind: 'kiss',
          summary: `KISS ${frame.command} on port ${frame.port}`,
          problem: 'not a data frame',
        });
        continue;
      }
      const ax = decodeAx25(frame.payload);
      if (!ax.ok) {
        this.counters.badChecksum++;
        decoded.push({ kind: 'ax25', summary: ax.error.input, problem: ax.error.message });
        continue;
      }
      const tnc2 = formatTnc2(ax.frame);
      const aprs = parseAprs(tnc2);
      if (!aprs.ok) {
        if (UNSUPPORTED.has(aprs.error.code)) this.counters.unknown++;
        else this.counters.garbage++;
        decoded.push({ kind: 'aprs', summary: tnc2, problem: `${aprs.error.code}: ${aprs.error.message}` });
        continue;
      }
      this.counters.frames++;
      decoded.push({ kind: 'aprs', summary: tnc2, problem: null });
      heard.push({ packet: aprs.packet, tnc2, kissPort: frame.port });
    }
    return { heard, decoded };
  }
}
