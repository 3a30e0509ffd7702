import { describe, expect, it } from 'vitest';
import { currentCall, runInCall } from './callScope';

describe('call scope', () => {
  it('is visible through awaits inside the call, and not outside or after it', async () => {
    const call = { transport: 'ws' as const, clientId: 'w1', operator: 'li' };
    expect(currentCall()).toBeUndefined();
    let later: (() => string | undefined) | null = null;
    const seen = await runInCall(call, async () => {
      await new Promise((r) => setTimeout(r, 1));
      later = () => currentCall()?.operator;
      return currentCall()?.operator;
    });
    expect(seen).toBe('li');
    // A callback the call left behind (a bridge's timer) runs as the console, not as the user who started it.
    await new Promise<void>((r) =>
      runInCall(call, () => {
        setTimeout(() => {
          expect(currentCall()).toBeUndefined();
          r();
        }, 5);
      }),
    );
    expect(later!()).toBeUndefined();
  });
});
