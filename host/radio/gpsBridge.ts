import { decodeNmea } from '../../native/radio/nmea/decode';
import { NmeaFixState } from '../../native/radio/nmea/fix-state';
import { NmeaLineDecoder } from '../../native/radio/nmea/line-decoder';
import type { Decoded, InputCounters } from '../../native/radio/bridges/counters';
import type { HostContext } from '../context';
import { moveUnit } from './unitPositions';

/**
 * NMEA 0183 from a GPS receiver or vehicle tracker → the bound unit's position. Receivers talk 1–10 times a
 * second; the unit row is written at most once per `minIntervalMs` (the map does not need more, the outbox and
 * the central server certainly do not).
 */
export class GpsBridge {
  private readonly lines = new NmeaLineDecoder({ maxLineLength: 120 });
  private readonly fix = new NmeaFixState();
  private lastWrite = 0;
  private lastPos: string | null = null;

  constructor(
    private readonly ctx: HostContext,
    private readonly linkId: string,
    private readonly unitId: string,
    private readonly minIntervalMs: number,
  ) {}

  push(chunk: Uint8Array, counters: InputCounters): Decoded[] {
    const out: Decoded[] = [];
    for (const ev of this.lines.push(chunk)) {
      if (!ev.ok) {
        if (ev.error.kind === 'oversize') counters.oversize++;
        else counters.garbage++;
        out.push({ kind: 'garbage', summary: ev.error.input, problem: ev.error.message });
        continue;
      }
      const d = decodeNmea(ev.line);
      if (!d.ok) {
        if (d.error.kind === 'bad_checksum' || d.error.kind === 'no_checksum') counters.badChecksum++;
        else counters.garbage++;
        out.push({ kind: 'nmea', summary: ev.line, problem: d.error.message });
        continue;
      }
      if (!d.record) {
        counters.unknown++;
        out.push({ kind: 'nmea', summary: ev.line, problem: `sentence ${d.sentence.type} not used` });
        continue;
      }
      counters.frames++;
      this.fix.apply(d.record);
      out.push({ kind: 'nmea', summary: `${d.sentence.talker}${d.sentence.type}`, problem: null });
    }
    this.maybeMove();
    return out;
  }

  private maybeMove(): void {
    const f = this.fix.current;
    if (f.latitude === undefined || f.longitude === undefined || f.mode < 2) return;
    const now = this.ctx.now();
    const key = `${f.longitude.toFixed(6)},${f.latitude.toFixed(6)}`;
    if (now - this.lastWrite < this.minIntervalMs || key === this.lastPos) return;
    const unit = this.ctx.store.reference.unit(this.unitId);
    if (!unit) return;
    this.lastWrite = now;
    this.lastPos = key;
    moveUnit(this.ctx, unit, { lon: f.longitude, lat: f.latitude }, `gps:${this.linkId}`, {
      courseDeg: f.track,
      speedKmh: f.speed,
      altitudeM: f.altitudeMsl,
    });
  }
}
