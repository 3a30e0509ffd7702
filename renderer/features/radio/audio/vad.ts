/**
 * Voice-activity detection for the radio receive channel: the level of each analysis frame (RMS in dBFS) goes
 * through a small state machine with an attack time (the level must stay above the threshold this long before the
 * channel counts as busy, so a click does not open it) and a hang time (the channel stays busy this long after the
 * level last dropped below the close threshold, so the pauses between words do not split one transmission).
 * Pure: no Web Audio here, so the logic is tested with plain numbers.
 */

/** The quietest level reported; digital silence is -Infinity dB, which the UI cannot draw. */
export const FLOOR_DB = -100;

export interface VadOptions {
  /** The channel opens when the level is at or above this (dBFS). */
  openDb: number;
  /** It counts as quiet again below this (dBFS); lower than `openDb` gives hysteresis. */
  closeDb: number;
  /** How long the level must stay above `openDb` before the channel is busy (ms). */
  attackMs: number;
  /** How long the channel stays busy after the level last fell below `closeDb` (ms). */
  hangMs: number;
}

export const DEFAULT_VAD: VadOptions = { openDb: -40, closeDb: -46, attackMs: 60, hangMs: 800 };

export interface VadState {
  busy: boolean;
  /** When the level rose above `openDb` (while not yet busy), else null. */
  risingSince: number | null;
  /** When the level was last above `closeDb` while busy. */
  lastLoud: number | null;
  /** When the current busy period started (its onset: the start of the attack). */
  openedAt: number | null;
}

export const VAD_IDLE: VadState = { busy: false, risingSince: null, lastLoud: null, openedAt: null };

export type VadEvent = { type: 'open'; at: number } | { type: 'close'; at: number; startedAt: number };

/** Root-mean-square of a block of samples in [-1, 1]. */
export function rms(samples: ArrayLike<number>): number {
  const n = samples.length;
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const s = samples[i]!;
    sum += s * s;
  }
  return Math.sqrt(sum / n);
}

/** RMS (linear, full scale = 1) to dBFS, clamped to FLOOR_DB. */
export function toDb(linear: number): number {
  if (!(linear > 0)) return FLOOR_DB;
  return Math.max(FLOOR_DB, 20 * Math.log10(linear));
}

/** Checks a user-entered set of options; returns the problems (message keys), empty when fine. */
export function vadProblems(o: VadOptions): string[] {
  const p: string[] = [];
  if (!Number.isFinite(o.openDb) || o.openDb > 0 || o.openDb < FLOOR_DB) p.push('radio.audio.badThreshold');
  if (!Number.isFinite(o.closeDb) || o.closeDb > o.openDb) p.push('radio.audio.badHysteresis');
  if (!Number.isFinite(o.hangMs) || o.hangMs < 0 || o.hangMs > 10_000) p.push('radio.audio.badHang');
  if (!Number.isFinite(o.attackMs) || o.attackMs < 0 || o.attackMs > 2_000) p.push('radio.audio.badAttack');
  return p;
}

/** One analysis frame: the level `db` measured at time `now` (ms). Returns the next state and what happened. */
export function vadStep(
  s: VadState,
  db: number,
  now: number,
  o: VadOptions,
): { state: VadState; event: VadEvent | null } {
  if (!s.busy) {
    if (db >= o.openDb) {
      const since = s.risingSince ?? now;
      if (now - since >= o.attackMs) {
        return {
          state: { busy: true, risingSince: null, lastLoud: now, openedAt: since },
          event: { type: 'open', at: since },
        };
      }
      return { state: { ...s, risingSince: since }, event: null };
    }
    return { state: s.risingSince === null ? s : { ...s, risingSince: null }, event: null };
  }
  if (db >= o.closeDb) return { state: { ...s, lastLoud: now }, event: null };
  const last = s.lastLoud ?? now;
  if (now - last >= o.hangMs) {
    return {
      state: VAD_IDLE,
      event: { type: 'close', at: now, startedAt: s.openedAt ?? last },
    };
  }
  return { state: s, event: null };
}

/**
 * The meter's needle: rises at once, falls at `fallDbPerS` (a classic peak meter's ballistics), so short peaks
 * stay readable on a wall display.
 */
export function meterStep(shown: number, db: number, dtMs: number, fallDbPerS = 30): number {
  if (db >= shown) return db;
  return Math.max(db, shown - (fallDbPerS * dtMs) / 1000);
}

/** Level in dBFS to a 0..1 bar fraction over [FLOOR, 0] with a usable range of 60 dB. */
export function meterFraction(db: number, rangeDb = 60): number {
  return Math.min(1, Math.max(0, (db + rangeDb) / rangeDb));
}
