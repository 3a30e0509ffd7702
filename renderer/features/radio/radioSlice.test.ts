import { describe, expect, it } from 'vitest';
import {
  BUSY_LOG_MAX,
  DEFAULT_AUDIO,
  channelBusyChanged,
  initialRadioState,
  loadAudioPrefs,
  pttPressedLocally,
  pttReleasedLocally,
  radioSlice,
  radioViewToggled,
  rigReadingReceived,
  uploadFailed,
  uploadFinished,
  uploadStarted,
} from './radioSlice';

const reduce = radioSlice.reducer;

describe('radioSlice', () => {
  it('the top-bar buttons toggle one view at a time', () => {
    let s = reduce(initialRadioState, radioViewToggled('radio'));
    expect(s.view).toBe('radio');
    s = reduce(s, radioViewToggled('technician'));
    expect(s.view).toBe('technician');
    expect(reduce(s, radioViewToggled('technician')).view).toBe('none');
  });

  it('the busy log keeps transitions only, newest first, bounded', () => {
    let s = initialRadioState;
    s = reduce(s, channelBusyChanged({ busy: true, at: 1 }));
    s = reduce(s, channelBusyChanged({ busy: true, at: 2 }));
    s = reduce(s, channelBusyChanged({ busy: false, at: 3 }));
    expect(s.busyLog).toEqual([
      { busy: false, at: 3 },
      { busy: true, at: 1 },
    ]);
    for (let i = 0; i < 50; i++) s = reduce(s, channelBusyChanged({ busy: i % 2 === 0, at: 10 + i }));
    expect(s.busyLog).toHaveLength(BUSY_LOG_MAX);
  });

  it('local PTT: press, release, and a host unkey with its reason', () => {
    let s = reduce(initialRadioState, pttPressedLocally({ source: 'spacebar', at: 5 }));
    expect(s.ptt).toMatchObject({ keyed: true, source: 'spacebar', since: 5 });
    s = reduce(s, pttReleasedLocally({ endedBy: 'tot' }));
    expect(s.ptt).toMatchObject({ keyed: false, source: null, endedBy: 'tot' });
  });

  it('rig readings never go back in time', () => {
    const r = {
      profileId: 'p',
      frequencyHz: 145_500_000,
      mode: 'FM',
      passbandHz: null,
      vfo: null,
      memoryChannel: null,
      strengthDb: null,
      ptt: null,
      at: 10,
    };
    let s = reduce(initialRadioState, rigReadingReceived(r));
    s = reduce(s, rigReadingReceived({ ...r, frequencyHz: 1, at: 5 }));
    expect(s.readings.p!.frequencyHz).toBe(145_500_000);
  });

  it('uploads: started → finished disappears; failed stays with its reason', () => {
    let s = reduce(initialRadioState, uploadStarted({ key: 'a', direction: 'rx', startedAt: 1 }));
    s = reduce(s, uploadStarted({ key: 'b', direction: 'tx', startedAt: 2 }));
    s = reduce(s, uploadFinished({ key: 'a' }));
    s = reduce(s, uploadFailed({ key: 'b', error: 'disk full' }));
    expect(s.uploads).toEqual([
      { key: 'b', direction: 'tx', startedAt: 2, state: 'failed', error: 'disk full' },
    ]);
  });

  it('remembered audio prefs are read defensively', () => {
    const store = (v: string | null) => ({ getItem: () => v });
    expect(loadAudioPrefs(null)).toEqual(DEFAULT_AUDIO);
    expect(loadAudioPrefs(store('{bad json'))).toEqual(DEFAULT_AUDIO);
    expect(loadAudioPrefs(store(JSON.stringify({ inputId: 'x', openDb: 40, hangMs: 300 })))).toEqual({
      ...DEFAULT_AUDIO,
      inputId: 'x',
      hangMs: 300,
    });
  });
});
