import type { NmeaDate } from './fields';

/**
 * Two-digit RMC years, resolved as gpsd does: century 2000 by default, moved on when a receiver goes from
 * 99 to 00, and years from 2080 on read as 19xx. The last rule is what makes a receiver hit by the April 2019
 * GPS week rollover (reporting 1999-08-22, week 0 of the old epoch) show 1999 rather than 2099 — the same,
 * visibly wrong, date gpsd reports, so an operator sees the receiver needs a firmware fix.
 */
export class CenturyTracker {
  private century = 2000;
  private lastYy: number | undefined;

  resolve(date: NmeaDate): NmeaDate {
    if (!date.twoDigitYear) {
      this.century = Math.floor(date.year / 100) * 100;
      this.lastYy = date.year % 100;
      return date;
    }
    if (this.lastYy === 99 && date.year === 0) this.century += 100;
    this.lastYy = date.year;
    let year = this.century + date.year;
    if (year >= 2080) year -= 100;
    return { ...date, year, twoDigitYear: false };
  }
}
