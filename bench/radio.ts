/**
 * Radio decode throughput: KISS → AX.25 → APRS on a stream built from the real captures (the FAP test packets
 * and the w2gmd iGate frames), fed in serial-sized chunks. The ratio is against a busy 1200-baud channel,
 * about 2 frames/s, so line_rate_x says how many such channels one core can keep up with.
 *
 *   npm run bench -- radio [--frames N] [--chunk BYTES]
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAprs } from '../native/radio/aprs/parse';
import { FAP_CASES } from '../native/radio/aprs/fap-cases';
import { decodeAx25, encodeAx25 } from '../native/radio/ax25/frame';
import { splitRawFrameLines } from '../native/radio/ax25/raw-lines';
import { formatTnc2, parseTnc2 } from '../native/radio/ax25/tnc2';
import { KissDecoder } from '../native/radio/kiss/decoder';
import { encodeKissData } from '../native/radio/kiss/encode';

const LINE_RATE_FRAMES_PER_S = 2;

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
}

function sampleFrames(): Uint8Array[] {
  const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
  const w2gmd = readFileSync(join(repoRoot, '..', 'shared', 'data', 'aprs', 'ax25-raw-frames-w2gmd.bin'));
  const frames: Uint8Array[] = splitRawFrameLines(new Uint8Array(w2gmd)).map((f) => Uint8Array.from(f));
  for (const c of FAP_CASES) {
    // APRS-IS path entries (qAC, TCPIP, 9-character igate names) cannot go on air: drop them, keep the rest.
    const colon = c.packet.indexOf(':');
    const [head = '', ...path] = c.packet.slice(0, colon).split(',');
    const onAir = path.filter((hop) => /^[A-Z0-9]{1,6}(-\d{1,2})?\*?$/.test(hop) && !hop.startsWith('TCPIP'));
    const p = parseTnc2(`${[head, ...onAir].join(',')}${c.packet.slice(colon)}`);
    if (p.ok) frames.push(encodeAx25(p.frame));
  }
  return frames;
}

export async function main(args: string[]): Promise<void> {
  const total = option(args, '--frames', 200_000);
  const chunk = option(args, '--chunk', 256);
  const samples = sampleFrames().map((f) => encodeKissData(f));
  const parts: Uint8Array[] = [];
  let bytes = 0;
  for (let i = 0; i < total; i++) {
    const f = samples[i % samples.length]!;
    parts.push(f);
    bytes += f.length;
  }
  const stream = Buffer.concat(parts);
  console.log(
    `radio: ${samples.length} distinct frames from the captures, ${total} frames, ${(bytes / 1e6).toFixed(1)} MB, ${chunk}-byte reads`,
  );

  const run = () => {
    const kiss = new KissDecoder();
    let frames = 0;
    let aprsOk = 0;
    for (let at = 0; at < stream.length; at += chunk) {
      for (const e of kiss.push(stream.subarray(at, at + chunk))) {
        if (!e.ok) continue;
        const ax = decodeAx25(e.frame.payload);
        if (!ax.ok) continue;
        frames++;
        if (parseAprs(formatTnc2(ax.frame)).ok) aprsOk++;
      }
    }
    return { frames, aprsOk };
  };

  run(); // warm-up: let the JIT settle before timing
  const t0 = process.hrtime.bigint();
  const { frames, aprsOk } = run();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const perS = frames / seconds;
  console.log(`radio: decoded ${frames} frames (${aprsOk} valid APRS) in ${seconds.toFixed(2)} s`);
  console.log(
    `radio decode_per_s=${Math.round(perS)} line_rate_x=${Math.round(perS / LINE_RATE_FRAMES_PER_S)}`,
  );
}
