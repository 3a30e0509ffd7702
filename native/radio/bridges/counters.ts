/** What a link counts about its input (same shape as the contract's InputCounters). */
export interface InputCounters {
  bytesIn: number;
  bytesOut: number;
  frames: number;
  garbage: number;
  badChecksum: number;
  oversize: number;
  unknown: number;
}

export const emptyCounters = (): InputCounters => ({
  bytesIn: 0,
  bytesOut: 0,
  frames: 0,
  garbage: 0,
  badChecksum: 0,
  oversize: 0,
  unknown: 0,
});

/** One decoded item or one rejected input, for the monitor. */
export interface Decoded {
  kind: 'kiss' | 'ax25' | 'aprs' | 'nmea' | 'rigctl' | 'garbage' | 'none';
  summary: string;
  problem: string | null;
}
