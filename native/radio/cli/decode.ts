/**
 * `fengsui decode <kiss|ax25|aprs|nmea> <file|->`: one JSON object per decoded frame/sentence and one
 * `{"ok":false,"reason":…}` per rejected input, so a capture can be checked (or piped to jq) from a shell.
 */
import { createReadStream } from 'node:fs';
import { latin1Decode } from '../bytes';
import { formatAddress } from '../ax25/address';
import { decodeAx25, type Ax25Frame } from '../ax25/frame';
import { splitRawFrameLines } from '../ax25/raw-lines';
import { formatTnc2 } from '../ax25/tnc2';
import { parseAprs } from '../aprs/parse';
import { KissDecoder } from '../kiss/decoder';
import { decodeNmea } from '../nmea/decode';
import { NmeaLineDecoder } from '../nmea/line-decoder';

export const DECODE_FORMATS = ['kiss', 'ax25', 'aprs', 'nmea'] as const;
export type DecodeFormat = (typeof DECODE_FORMATS)[number];

export type DecodeInput = Uint8Array | AsyncIterable<Uint8Array | string>;
type Write = (line: string) => void;

const USAGE = `usage: fengsui decode <${DECODE_FORMATS.join('|')}> <file|->`;

/** Returns the process exit code: 0 when the input was read (rejections are data, not failures), 2 on misuse. */
export async function runDecode(
  args: readonly string[],
  input?: DecodeInput,
  write: Write = (l) => process.stdout.write(`${l}\n`),
  writeError: Write = (l) => process.stderr.write(`${l}\n`),
): Promise<number> {
  const [format, path] = args;
  if (
    !format ||
    !(DECODE_FORMATS as readonly string[]).includes(format) ||
    (!path && !input) ||
    args.length > 2
  ) {
    writeError(USAGE);
    return 2;
  }
  let source: DecodeInput;
  if (input) {
    source = input;
  } else if (path === '-') {
    source = process.stdin;
  } else {
    source = createReadStream(path!);
  }
  const out = (o: object) => write(JSON.stringify(o));
  try {
    await DECODERS[format as DecodeFormat](source, out);
  } catch (e) {
    // Only I/O can fail here (the codecs never throw); say which file.
    writeError(`fengsui decode: cannot read ${path ?? 'input'}: ${(e as Error).message}`);
    return 1;
  }
  return 0;
}

async function* chunksOf(source: DecodeInput): AsyncIterable<Uint8Array> {
  if (source instanceof Uint8Array) {
    yield source;
    return;
  }
  for await (const c of source) yield typeof c === 'string' ? Buffer.from(c, 'latin1') : c;
}

async function readAll(source: DecodeInput): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of chunksOf(source)) parts.push(c);
  return Buffer.concat(parts);
}

function frameJson(frame: Ax25Frame): object {
  return {
    tnc2: formatTnc2(frame),
    source: formatAddress(frame.source),
    destination: formatAddress(frame.destination),
    path: frame.digipeaters.map((d) => formatAddress(d) + (d.chBit ? '*' : '')),
    pid: frame.pid,
  };
}

/** Splits text input into lines, keeping each line's number for the report. */
async function* textLines(source: DecodeInput): AsyncIterable<{ line: string; n: number }> {
  let rest = '';
  let n = 0;
  for await (const c of chunksOf(source)) {
    rest += latin1Decode(c);
    const parts = rest.split(/\r?\n/);
    rest = parts.pop() ?? '';
    for (const line of parts) yield { line, n: ++n };
  }
  if (rest) yield { line: rest, n: ++n };
}

const DECODERS: Record<DecodeFormat, (source: DecodeInput, out: (o: object) => void) => Promise<void>> = {
  async kiss(source, out) {
    const kiss = new KissDecoder();
    let index = 0;
    const handle = (events: ReturnType<KissDecoder['push']>) => {
      for (const e of events) {
        if (!e.ok) {
          out({ ok: false, reason: e.error.message, kind: e.error.kind, input: e.error.input });
          continue;
        }
        index++;
        const { port, command, payload } = e.frame;
        if (command !== 'data') {
          out({ ok: true, frame: index, port, command, value: Array.from(payload) });
          continue;
        }
        const ax = decodeAx25(payload);
        out(
          ax.ok
            ? { ok: true, frame: index, port, command, ...frameJson(ax.frame) }
            : {
                ok: false,
                frame: index,
                port,
                reason: ax.error.message,
                kind: ax.error.kind,
                input: ax.error.input,
              },
        );
      }
    };
    for await (const c of chunksOf(source)) handle(kiss.push(c));
    handle(kiss.end());
  },

  async ax25(source, out) {
    const frames = splitRawFrameLines(await readAll(source));
    frames.forEach((raw, i) => {
      const ax = decodeAx25(raw);
      out(
        ax.ok
          ? { ok: true, frame: i + 1, ...frameJson(ax.frame) }
          : { ok: false, frame: i + 1, reason: ax.error.message, kind: ax.error.kind, input: ax.error.input },
      );
    });
  },

  async aprs(source, out) {
    for await (const { line, n } of textLines(source)) {
      if (!line.trim() || line.startsWith('#')) continue;
      const r = parseAprs(line);
      out(
        r.ok
          ? { ok: true, line: n, ...r.packet }
          : { ok: false, line: n, reason: r.error.message, code: r.error.code, input: line },
      );
    }
  },

  async nmea(source, out) {
    const lines = new NmeaLineDecoder();
    const handle = (events: ReturnType<NmeaLineDecoder['push']>) => {
      for (const e of events) {
        if (!e.ok) {
          out({ ok: false, reason: e.error.message, kind: e.error.kind, input: e.error.input });
          continue;
        }
        const d = decodeNmea(e.line);
        out(
          d.ok
            ? {
                ok: true,
                talker: d.sentence.talker,
                type: d.sentence.type,
                ...(d.record ? { record: d.record } : { fields: d.sentence.fields }),
              }
            : { ok: false, reason: d.error.message, kind: d.error.kind, input: d.error.input },
        );
      }
    };
    for await (const c of chunksOf(source)) handle(lines.push(c));
    handle(lines.end());
  },
};
