import { HUNDREDTH_INCH_TO_MM, MPH_TO_MS, type AprsPacket, type AprsWeather } from './types';
import { fahrenheitToCelsius, round1 } from './units';

const LEADS: RegExp[] = [
  /^_?([\d .-]{3})\/([\d .]{3})g([\d .]+)t(-?[\d .]+)/,
  /^_?c([\d .-]{3})s([\d .]{3})g([\d .]+)t(-?[\d .]+)/,
  /^_?([\d .-]{3})\/([\d .]{3})t(-?[\d .]+)()/,
  /^_?([\d .-]{3})\/([\d .]{3})g([\d .]+)()/,
  /^()()g([\d .]+)t(-?[\d .]+)/,
];

/**
 * Weather report fields (APRS 1.01 ch. 12) in FAP's units and rounding. Returns false when the text does not
 * start like a weather report, in which case the caller keeps no comment (FAP: it is too easily confused).
 */
export function parseWeather(text: string, into: Partial<AprsPacket>): boolean {
  let wind: string[] | undefined;
  let s = text;
  for (const [i, re] of LEADS.entries()) {
    const m = re.exec(s);
    if (!m) continue;
    // Patterns 2 and 3 capture (dir, speed, temp|gust); normalise to dir, speed, gust, temp.
    wind =
      i === 2
        ? [m[1]!, m[2]!, '', m[3]!]
        : i === 3
          ? [m[1]!, m[2]!, m[3]!, '']
          : [m[1]!, m[2]!, m[3]!, m[4]!];
    s = s.slice(m[0].length);
    break;
  }
  if (!wind) return false;
  const [dir, speed, gust, temp] = wind as [string, string, string, string];
  const w: AprsWeather = {};
  if (/^\d+$/.test(dir)) w.windDirection = Number(dir) % 360;
  if (/^\d+$/.test(speed)) w.windSpeed = round1(Number(speed) * MPH_TO_MS);
  if (/^\d+$/.test(gust)) w.windGust = round1(Number(gust) * MPH_TO_MS);
  const t = /^(-?\d+)/.exec(temp);
  if (t) w.temp = round1(fahrenheitToCelsius(Number(t[1])));

  const take = (re: RegExp): RegExpExecArray | undefined => {
    const m = re.exec(s);
    if (m) s = s.slice(0, m.index) + s.slice(m.index + m[0].length);
    return m ?? undefined;
  };
  let m: RegExpExecArray | undefined;
  if ((m = take(/r(\d{1,3})/))) w.rain1h = round1(Number(m[1]) * HUNDREDTH_INCH_TO_MM);
  if ((m = take(/p(\d{1,3})/))) w.rain24h = round1(Number(m[1]) * HUNDREDTH_INCH_TO_MM);
  if ((m = take(/P(\d{1,3})/))) w.rainMidnight = round1(Number(m[1]) * HUNDREDTH_INCH_TO_MM);
  if ((m = take(/h(\d{1,3})/))) {
    const h = Number(m[1]);
    // h00 means 100 %.
    if (h <= 100) w.humidity = h === 0 ? 100 : h;
  }
  if ((m = take(/b(\d{4,5})/))) w.pressure = round1(Number(m[1]) / 10);
  if ((m = take(/([lL])(\d{1,3})/))) w.luminosity = Number(m[2]) + (m[1] === 'l' ? 1000 : 0);
  if ((m = take(/s(\d{1,3})/))) w.snow24h = round1(Number(m[1]) * HUNDREDTH_INCH_TO_MM);
  take(/#(\d+)/);
  // Fields sent as dots/spaces mean "no sensor".
  s = s.replace(/^([rPphblLs#][. ]{1,5})+/, '').trim();
  if (/^[a-zA-Z0-9\-_]{3,5}$/.test(s)) w.soft = s;
  else if (s) into.comment = s;
  into.wx = w;
  return true;
}
