import { parseLocationAfterTimestamp } from './location';
import { parseAprsTimestamp } from './timestamp';
import { AprsFail, type AprsPacket } from './types';

/** `;NAME_____*DDHHMMz<position><comment>`: a 9-character name, `*` live or `_` killed. */
export function parseObject(body: string, into: Partial<AprsPacket>, now: Date): void {
  into.type = 'object';
  if (body.length < 31) throw new AprsFail('obj_short', `object "${body}" is shorter than 31 characters`);
  const m = /^;([\x20-\x7e]{9})([*_])(\d{6}[zh/])/.exec(body);
  if (!m)
    throw new AprsFail(
      'obj_inv',
      `object "${body.slice(0, 18)}" lacks a 9-character name, */_ and timestamp`,
    );
  into.objectName = m[1];
  into.alive = m[2] === '*';
  const ts = parseAprsTimestamp(m[3]!, now);
  if (ts === undefined) (into.warnings ??= []).push(`object timestamp "${m[3]}" is not a valid time`);
  else into.timestamp = ts;
  parseLocationAfterTimestamp(body.slice(18), into);
}

/** `)NAME!<position>`: a 3-9 character name ended by `!` (live) or `_` (killed). */
export function parseItem(body: string, into: Partial<AprsPacket>): void {
  into.type = 'item';
  if (body.length < 18) throw new AprsFail('item_short', `item "${body}" is shorter than 18 characters`);
  const m = /^\)([\x20\x22-\x5e\x60-\x7e]{3,9})([!_])/.exec(body);
  if (!m)
    throw new AprsFail('item_inv', `item "${body.slice(0, 11)}" lacks a 3-9 character name ended by ! or _`);
  into.itemName = m[1];
  into.alive = m[2] === '!';
  parseLocationAfterTimestamp(body.slice(m[0].length), into);
}
