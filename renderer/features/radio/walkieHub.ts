/** The one walkie-talkie engine of this window (it outlives the radio drawer: recording goes on when it closes). */
import { Walkie, browserWalkieEnv, type FinishedRecording } from './audio/walkie';

let engine: Walkie | null = null;
let sink: ((r: FinishedRecording) => void) | null = null;
const early: FinishedRecording[] = [];

export function getWalkie(): Walkie | null {
  if (engine) return engine;
  const env = browserWalkieEnv();
  if (!env) return null;
  engine = new Walkie(env, (r) => {
    if (sink) sink(r);
    else early.push(r);
  });
  return engine;
}

/** Where finished recordings go (the uploader). Recordings finished before a sink existed are delivered now. */
export function setRecordingSink(fn: ((r: FinishedRecording) => void) | null): void {
  sink = fn;
  if (fn) for (const r of early.splice(0)) fn(r);
}
