import { FEND, FESC, TFEND, TFESC } from './constants';
import { kissTypeByte, type KissFrame } from './frame';

/** Escapes FEND/FESC in `bytes` (type byte included) without the surrounding FENDs. */
export function kissEscape(bytes: Uint8Array): Uint8Array {
  let extra = 0;
  for (const b of bytes) if (b === FEND || b === FESC) extra++;
  const out = new Uint8Array(bytes.length + extra);
  let at = 0;
  for (const b of bytes) {
    if (b === FEND) {
      out[at++] = FESC;
      out[at++] = TFEND;
    } else if (b === FESC) {
      out[at++] = FESC;
      out[at++] = TFESC;
    } else {
      out[at++] = b;
    }
  }
  return out;
}

/** One complete KISS frame: FEND, escaped type byte + payload, FEND. */
export function encodeKissFrame(
  frame: Pick<KissFrame, 'command' | 'payload'> & { port?: number },
): Uint8Array {
  const raw = new Uint8Array(frame.payload.length + 1);
  raw[0] = kissTypeByte(frame.port ?? 0, frame.command);
  raw.set(frame.payload, 1);
  const body = kissEscape(raw);
  const out = new Uint8Array(body.length + 2);
  out[0] = FEND;
  out.set(body, 1);
  out[out.length - 1] = FEND;
  return out;
}

/** Convenience for the common case: an AX.25 frame to send on a port. */
export function encodeKissData(ax25: Uint8Array, port = 0): Uint8Array {
  return encodeKissFrame({ port, command: 'data', payload: ax25 });
}
