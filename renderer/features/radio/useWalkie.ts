import { useEffect, useState, useSyncExternalStore } from 'react';
import { FLOOR_DB } from './audio/vad';
import { listAudioDevices, type WalkieSnapshot } from './audio/walkie';
import { getWalkie } from './walkieHub';

const NO_AUDIO: WalkieSnapshot = {
  running: false,
  starting: false,
  levelDb: FLOOR_DB,
  busy: false,
  busySince: null,
  keyed: false,
  keyedSince: null,
  error: 'radio.audio.errUnsupported',
  errorDetail: null,
  sinkSelectable: false,
};
const noop = () => () => {};
const none = () => NO_AUDIO;

export function useWalkieSnapshot(): WalkieSnapshot {
  const w = getWalkie();
  return useSyncExternalStore(w ? w.subscribe : noop, w ? w.getSnapshot : none);
}

export interface AudioDevices {
  inputs: MediaDeviceInfo[];
  outputs: MediaDeviceInfo[];
}

/** The sound cards, refreshed when one is plugged in or out and when permission arrives (labels appear). */
export function useAudioDevices(running: boolean): AudioDevices {
  const [devices, setDevices] = useState<AudioDevices>({ inputs: [], outputs: [] });
  useEffect(() => {
    const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    if (!md?.enumerateDevices) return;
    let live = true;
    const load = () =>
      void listAudioDevices(md).then(
        (d) => live && setDevices(d),
        () => undefined,
      );
    load();
    md.addEventListener?.('devicechange', load);
    return () => {
      live = false;
      md.removeEventListener?.('devicechange', load);
    };
  }, [running]);
  return devices;
}
