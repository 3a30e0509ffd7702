/**
 * The walkie-talkie: the radio's sound card on Web Audio.
 *
 *  radio input (sound-card capture) ─► analyser ─► level meter + VAD ─► "channel busy" + one recording per
 *                                                                        received transmission
 *  operator microphone ─► gate (open only while PTT is keyed) ─► radio output (sound-card playback, setSinkId)
 *                                                             └► one recording per operator transmission
 *
 * Recordings are WebM/Opus from MediaRecorder, handed to `onRecording` with their start, end, channel and PTT
 * source; the caller stores them in the host. The radio is half duplex: while keyed, the receive side does not
 * open a transmission (it would only hear our own side tone).
 */
import { DEFAULT_VAD, FLOOR_DB, VAD_IDLE, meterStep, rms, toDb, vadStep, type VadOptions } from './vad';

export type PttSource = 'button' | 'spacebar' | 'test';
export type RecordingDirection = 'rx' | 'tx';

export interface FinishedRecording {
  direction: RecordingDirection;
  startedAt: number;
  endedAt: number;
  channel: string;
  pttSource: PttSource | null;
  mimeType: string;
  blob: Blob;
}

export interface WalkieSnapshot {
  running: boolean;
  starting: boolean;
  /** Level of the receive input, dBFS, with meter ballistics. */
  levelDb: number;
  busy: boolean;
  busySince: number | null;
  keyed: boolean;
  keyedSince: number | null;
  /** A message key for the last failure (permission refused, device gone…), or null. */
  error: string | null;
  errorDetail: string | null;
  /** Whether the output device could be chosen (setSinkId) in this browser. */
  sinkSelectable: boolean;
}

export interface WalkieEnv {
  mediaDevices: MediaDevices;
  AudioContext: typeof AudioContext;
  MediaRecorder: typeof MediaRecorder;
  createAudio: () => HTMLAudioElement;
  now: () => number;
  setInterval: (fn: () => void, ms: number) => unknown;
  clearInterval: (h: unknown) => void;
}

export function browserWalkieEnv(): WalkieEnv | null {
  if (typeof window === 'undefined' || !navigator.mediaDevices || !window.AudioContext) return null;
  if (typeof window.MediaRecorder === 'undefined') return null;
  return {
    mediaDevices: navigator.mediaDevices,
    AudioContext: window.AudioContext,
    MediaRecorder: window.MediaRecorder,
    createAudio: () => new Audio(),
    now: () => Date.now(),
    setInterval: (fn, ms) => window.setInterval(fn, ms),
    clearInterval: (h) => window.clearInterval(h as number),
  };
}

export interface WalkieConfig {
  inputId: string;
  outputId: string;
  micId: string;
  channel: string;
  vad: VadOptions;
}

export const FRAME_MS = 20;
export const RECORD_MIME = 'audio/webm;codecs=opus';

const CAPTURE: MediaTrackConstraints = {
  echoCancellation: false,
  noiseSuppression: false,
  autoGainControl: false,
};

function deviceConstraint(id: string): MediaTrackConstraints {
  return id ? { ...CAPTURE, deviceId: { exact: id } } : { ...CAPTURE };
}

/** Why getUserMedia failed, as a message key the operator can act on. */
export function mediaErrorKey(e: unknown): string {
  const name = e && typeof e === 'object' && 'name' in e ? String((e as { name: unknown }).name) : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'radio.audio.errPermission';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'radio.audio.errNoDevice';
  if (name === 'NotReadableError') return 'radio.audio.errBusyDevice';
  return 'radio.audio.errOther';
}

class Recording {
  private chunks: Blob[] = [];
  private rec: MediaRecorder;
  readonly startedAt: number;
  constructor(
    env: WalkieEnv,
    stream: MediaStream,
    readonly direction: RecordingDirection,
    readonly pttSource: PttSource | null,
    startedAt: number,
  ) {
    this.startedAt = startedAt;
    const Rec = env.MediaRecorder;
    const mimeType = Rec.isTypeSupported(RECORD_MIME) ? RECORD_MIME : 'audio/webm';
    this.rec = new Rec(stream, { mimeType, audioBitsPerSecond: 32_000 });
    this.rec.addEventListener('dataavailable', (ev) => {
      if (ev.data.size > 0) this.chunks.push(ev.data);
    });
    this.rec.start(250);
  }
  /** Stops and resolves with the whole file once the recorder has flushed its last chunk. */
  stop(): Promise<Blob> {
    return new Promise((resolve) => {
      if (this.rec.state === 'inactive') {
        resolve(new Blob(this.chunks, { type: this.rec.mimeType }));
        return;
      }
      this.rec.addEventListener('stop', () => resolve(new Blob(this.chunks, { type: this.rec.mimeType })), {
        once: true,
      });
      this.rec.stop();
    });
  }
  get mimeType(): string {
    return this.rec.mimeType || RECORD_MIME;
  }
}

export type BusyListener = (busy: boolean, at: number) => void;

export class Walkie {
  private snap: WalkieSnapshot = {
    running: false,
    starting: false,
    levelDb: FLOOR_DB,
    busy: false,
    busySince: null,
    keyed: false,
    keyedSince: null,
    error: null,
    errorDetail: null,
    sinkSelectable: typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype,
  };
  private listeners = new Set<() => void>();
  private busyListeners = new Set<BusyListener>();
  private ctx: AudioContext | null = null;
  private rxStream: MediaStream | null = null;
  private micStream: MediaStream | null = null;
  private analyser: AnalyserNode | null = null;
  private gate: GainNode | null = null;
  private txDest: MediaStreamAudioDestinationNode | null = null;
  private out: HTMLAudioElement | null = null;
  private timer: unknown = null;
  private vad = VAD_IDLE;
  private lastFrame = 0;
  private rxRec: Recording | null = null;
  private txRec: Recording | null = null;
  private buf: Float32Array<ArrayBuffer> = new Float32Array(1024);
  private cfg: WalkieConfig = { inputId: '', outputId: '', micId: '', channel: '', vad: DEFAULT_VAD };

  constructor(
    private readonly env: WalkieEnv,
    private readonly onRecording: (r: FinishedRecording) => void,
  ) {}

  // ---- observable state (useSyncExternalStore) ----
  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  };
  getSnapshot = (): WalkieSnapshot => this.snap;
  onBusy(cb: BusyListener): () => void {
    this.busyListeners.add(cb);
    return () => this.busyListeners.delete(cb);
  }
  private set(patch: Partial<WalkieSnapshot>) {
    this.snap = { ...this.snap, ...patch };
    for (const l of [...this.listeners]) l();
  }

  get config(): WalkieConfig {
    return this.cfg;
  }

  /** Channel label and VAD settings can change while running. */
  configure(patch: Partial<WalkieConfig>): void {
    const before = this.cfg;
    this.cfg = { ...this.cfg, ...patch };
    if (!this.snap.running) return;
    if (patch.outputId !== undefined && patch.outputId !== before.outputId) void this.applySink();
    const devicesChanged =
      (patch.inputId !== undefined && patch.inputId !== before.inputId) ||
      (patch.micId !== undefined && patch.micId !== before.micId);
    if (devicesChanged) {
      void this.stop().then(() => this.start());
    }
  }

  async start(): Promise<void> {
    if (this.snap.running || this.snap.starting) return;
    this.set({ starting: true, error: null, errorDetail: null });
    try {
      const md = this.env.mediaDevices;
      this.rxStream = await md.getUserMedia({ audio: deviceConstraint(this.cfg.inputId), video: false });
      this.micStream =
        this.cfg.micId === this.cfg.inputId && this.cfg.micId !== ''
          ? this.rxStream
          : await md.getUserMedia({ audio: deviceConstraint(this.cfg.micId), video: false });
      const ctx = new this.env.AudioContext({ latencyHint: 'interactive' });
      this.ctx = ctx;
      if (ctx.state === 'suspended') await ctx.resume().catch(() => undefined);
      const rxSrc = ctx.createMediaStreamSource(this.rxStream);
      const analyser = ctx.createAnalyser();
      analyser.fftSize = 1024;
      rxSrc.connect(analyser);
      this.analyser = analyser;
      this.buf = new Float32Array(analyser.fftSize);

      const micSrc = ctx.createMediaStreamSource(this.micStream);
      const gate = ctx.createGain();
      gate.gain.value = 0;
      const dest = ctx.createMediaStreamDestination();
      micSrc.connect(gate).connect(dest);
      this.gate = gate;
      this.txDest = dest;
      const out = this.env.createAudio();
      out.srcObject = dest.stream;
      this.out = out;
      await this.applySink();
      await out.play().catch(() => undefined);

      this.vad = VAD_IDLE;
      this.lastFrame = this.env.now();
      this.timer = this.env.setInterval(() => this.frame(), FRAME_MS);
      this.set({ running: true, starting: false });
    } catch (e) {
      await this.teardown();
      this.set({
        starting: false,
        running: false,
        error: mediaErrorKey(e),
        errorDetail: e instanceof Error ? e.message : String(e),
      });
    }
  }

  private async applySink(): Promise<void> {
    const out = this.out as (HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> }) | null;
    if (!out || typeof out.setSinkId !== 'function') return;
    try {
      await out.setSinkId(this.cfg.outputId);
    } catch (e) {
      this.set({ error: 'radio.audio.errSink', errorDetail: e instanceof Error ? e.message : String(e) });
    }
  }

  /** One analysis frame: meter, VAD, receive recordings. */
  frame(): void {
    const a = this.analyser;
    if (!a) return;
    a.getFloatTimeDomainData(this.buf);
    const now = this.env.now();
    const db = toDb(rms(this.buf));
    const level = meterStep(this.snap.levelDb, db, now - this.lastFrame);
    this.lastFrame = now;
    // Half duplex: while we transmit, the receiver is deaf.
    const heard = this.snap.keyed ? FLOOR_DB : db;
    const { state, event } = vadStep(this.vad, heard, now, this.cfg.vad);
    this.vad = state;
    if (event?.type === 'open') {
      this.set({ levelDb: level, busy: true, busySince: event.at });
      if (this.rxStream) this.rxRec = new Recording(this.env, this.rxStream, 'rx', null, event.at);
      for (const l of [...this.busyListeners]) l(true, event.at);
    } else if (event?.type === 'close') {
      this.set({ levelDb: level, busy: false, busySince: null });
      void this.finish(this.rxRec, event.at);
      this.rxRec = null;
      for (const l of [...this.busyListeners]) l(false, event.at);
    } else if (Math.abs(level - this.snap.levelDb) >= 0.5) {
      this.set({ levelDb: level });
    }
  }

  private async finish(rec: Recording | null, endedAt: number): Promise<void> {
    if (!rec) return;
    const blob = await rec.stop();
    this.onRecording({
      direction: rec.direction,
      startedAt: rec.startedAt,
      endedAt,
      channel: this.cfg.channel,
      pttSource: rec.pttSource,
      mimeType: rec.mimeType,
      blob,
    });
  }

  /** Opens the microphone to the radio output and starts the transmit recording. Idempotent. */
  key(source: PttSource): void {
    if (this.snap.keyed) return;
    const now = this.env.now();
    if (this.snap.busy) {
      // Our own transmission ends what we were hearing.
      void this.finish(this.rxRec, now);
      this.rxRec = null;
      this.vad = VAD_IDLE;
      this.set({ busy: false, busySince: null });
      for (const l of [...this.busyListeners]) l(false, now);
    }
    if (this.gate && this.ctx) this.gate.gain.setTargetAtTime(1, this.ctx.currentTime, 0.005);
    if (this.txDest) this.txRec = new Recording(this.env, this.txDest.stream, 'tx', source, now);
    this.set({ keyed: true, keyedSince: now });
  }

  /** Closes the microphone gate and stores the transmit recording. Idempotent. */
  unkey(): void {
    if (!this.snap.keyed) return;
    const now = this.env.now();
    if (this.gate && this.ctx) this.gate.gain.setTargetAtTime(0, this.ctx.currentTime, 0.005);
    void this.finish(this.txRec, now);
    this.txRec = null;
    this.set({ keyed: false, keyedSince: null });
  }

  async stop(): Promise<void> {
    this.unkey();
    if (this.rxRec) {
      void this.finish(this.rxRec, this.env.now());
      this.rxRec = null;
    }
    await this.teardown();
    this.set({ running: false, busy: false, busySince: null, levelDb: FLOOR_DB });
  }

  private async teardown(): Promise<void> {
    if (this.timer !== null) this.env.clearInterval(this.timer);
    this.timer = null;
    for (const s of [this.rxStream, this.micStream]) s?.getTracks().forEach((t) => t.stop());
    this.rxStream = this.micStream = null;
    if (this.out) {
      this.out.pause();
      this.out.srcObject = null;
    }
    this.out = null;
    this.analyser = null;
    this.gate = null;
    this.txDest = null;
    const ctx = this.ctx;
    this.ctx = null;
    if (ctx) await ctx.close().catch(() => undefined);
  }
}

/** Lists the audio inputs and outputs (labels appear only after the first microphone permission). */
export async function listAudioDevices(
  md: MediaDevices,
): Promise<{ inputs: MediaDeviceInfo[]; outputs: MediaDeviceInfo[] }> {
  const all = await md.enumerateDevices();
  return {
    inputs: all.filter((d) => d.kind === 'audioinput'),
    outputs: all.filter((d) => d.kind === 'audiooutput'),
  };
}
