import { AprsFail, type AprsPacket } from './types';

/** `T#SSS,a1,a2,a3,a4,a5,bbbbbbbb[comment]`: sequence, five analog values, eight digital bits. */
export function parseTelemetry(body: string, into: Partial<AprsPacket>): void {
  into.type = 'telemetry';
  const m = /^T#(\d{1,3}|MIC),?(.*)$/s.exec(body);
  if (!m) throw new AprsFail('tlm_inv', `telemetry "${body}" does not start with T#seq`);
  const parts = m[2]!.split(',');
  const vals: number[] = [];
  let bits: string | undefined;
  let comment = '';
  for (const [i, part] of parts.entries()) {
    if (i < 5 && /^-?\d*\.?\d+$/.test(part)) {
      vals.push(Number(part));
      continue;
    }
    const b = /^([01]{8})(.*)$/s.exec(part);
    if (b && i === vals.length) {
      bits = b[1];
      comment = [b[2]!, ...parts.slice(i + 1)].join(',');
    } else if (i === vals.length && part === '' && i < 5) {
      vals.push(0);
      continue;
    } else {
      throw new AprsFail('tlm_inv', `telemetry field ${i + 1} "${part}" is not a number or 8 bits`);
    }
    break;
  }
  into.telemetry = { seq: m[1], vals, ...(bits ? { bits } : {}) };
  if (comment.trim()) into.comment = comment.trim();
}
