import type { NmeaDate } from './fields';
import { CenturyTracker } from './gps-date';
import type { NmeaRecord } from './sentences';

export interface NmeaFix {
  /** ISO time (ms precision, `Z`) once both a date and a time of day are known. */
  time?: string;
  latitude?: number;
  longitude?: number;
  altitudeMsl?: number;
  /** km/h */
  speed?: number;
  track?: number;
  /** 1 no fix, 2 2D, 3 3D (GSA; GGA/RMC without GSA give 2 or 3 from what they carry). */
  mode: number;
  satellitesUsed?: number;
  hdop?: number;
}

/**
 * Folds sentences into the receiver's current fix the way gpsd merges them: RMC contributes time, date and
 * position only when its status is A; GGA and GLL always set the time of day, and position only when they
 * claim a fix; ZDA sets the full date. The newest value wins, since receivers send each cycle in pieces.
 */
export class NmeaFixState {
  private readonly century = new CenturyTracker();
  private date: NmeaDate | undefined;
  private timeOfDayMs: number | undefined;
  private readonly fix: NmeaFix = { mode: 1 };

  get current(): NmeaFix {
    const f: NmeaFix = { ...this.fix };
    if (this.date && this.timeOfDayMs !== undefined) {
      f.time = new Date(
        Date.UTC(this.date.year, this.date.month - 1, this.date.day) + this.timeOfDayMs,
      ).toISOString();
    } else {
      delete f.time;
    }
    return f;
  }

  apply(r: NmeaRecord): void {
    switch (r.kind) {
      case 'GGA':
        if (r.timeOfDayMs !== undefined) this.timeOfDayMs = r.timeOfDayMs;
        // gpsd also takes a quality-0 GGA that names 3+ satellites used: MTK chips send that while their
        // first fix settles (mtk-3301 regression log), and the position is real.
        if (
          (r.quality > 0 || (r.satellitesUsed ?? 0) >= 3) &&
          r.latitude !== undefined &&
          r.longitude !== undefined
        ) {
          this.fix.latitude = r.latitude;
          this.fix.longitude = r.longitude;
          if (r.altitudeMsl !== undefined) {
            this.fix.altitudeMsl = r.altitudeMsl;
            this.fix.mode = Math.max(this.fix.mode, 3);
          } else {
            this.fix.mode = Math.max(this.fix.mode, 2);
          }
          this.fix.satellitesUsed = r.satellitesUsed;
          this.fix.hdop = r.hdop;
        } else {
          this.fix.mode = 1;
        }
        break;
      case 'RMC':
        if (r.status !== 'A') {
          this.fix.mode = 1;
          break;
        }
        if (r.timeOfDayMs !== undefined) this.timeOfDayMs = r.timeOfDayMs;
        if (r.date) this.date = this.century.resolve(r.date);
        if (r.latitude !== undefined && r.longitude !== undefined) {
          this.fix.latitude = r.latitude;
          this.fix.longitude = r.longitude;
          this.fix.mode = Math.max(this.fix.mode, 2);
        }
        if (r.speedKnots !== undefined) this.fix.speed = r.speedKnots * 1.852;
        if (r.trackTrue !== undefined) this.fix.track = r.trackTrue;
        break;
      case 'GLL':
        if (r.timeOfDayMs !== undefined) this.timeOfDayMs = r.timeOfDayMs;
        if (r.status === 'A' && r.latitude !== undefined && r.longitude !== undefined) {
          this.fix.latitude = r.latitude;
          this.fix.longitude = r.longitude;
        }
        break;
      case 'ZDA':
        if (r.timeOfDayMs !== undefined) this.timeOfDayMs = r.timeOfDayMs;
        if (r.date) this.date = this.century.resolve(r.date);
        break;
      case 'GSA':
        if (r.fixMode !== undefined && r.fixMode >= 1 && r.fixMode <= 3) this.fix.mode = r.fixMode;
        break;
      case 'VTG':
        if (r.speedKmh !== undefined) this.fix.speed = r.speedKmh;
        else if (r.speedKnots !== undefined) this.fix.speed = r.speedKnots * 1.852;
        if (r.trackTrue !== undefined) this.fix.track = r.trackTrue;
        break;
      case 'GSV':
        break;
    }
  }
}
