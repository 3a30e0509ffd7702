import { parseComment } from './comment';
import { parseCompressedPosition, parseUncompressedPosition } from './position';
import { AprsFail, type AprsPacket } from './types';
import { parseWeather } from './weather';

/**
 * A position (uncompressed or compressed) followed by its comment, or weather data when the symbol is the
 * weather station `_` (FAP drops a non-weather comment there: it cannot be told apart from weather).
 */
export function parseLocationAfterTimestamp(text: string, into: Partial<AprsPacket>): void {
  const first = text.charCodeAt(0);
  let rest: string;
  if (first >= 48 && first <= 57) {
    if (text.length < 19) throw new AprsFail('loc_short', `position "${text}" is shorter than 19 characters`);
    Object.assign(into, parseUncompressedPosition(text));
    rest = text.slice(19);
  } else if (/^[/\\A-Za-j]/.test(text)) {
    Object.assign(into, parseCompressedPosition(text));
    rest = text.slice(13);
  } else {
    throw new AprsFail('loc_inv', `"${text.slice(0, 19)}" does not start with a position`);
  }
  if (into.symbolCode === '_') parseWeather(rest, into);
  else parseComment(rest, into);
}
