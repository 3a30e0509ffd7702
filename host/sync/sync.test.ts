import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../contract';
import { parseServeArgs, UsageError, clockFromEnv } from '../cli/args';
import { backoffDelay } from './backoff';
import { CredentialError, readCredential, deviceIdOf } from './credential';
import { winningFields } from './merge';

const DEV = '0195f0a2-0000-7000-8000-000000000001';
const CRED = `${DEV}.${'A'.repeat(43)}`;
const hlc = (wall: number, node: string) => encodeHlc({ wall, counter: 0, node });

describe('sync client pieces', () => {
  it('backs off exponentially with jitter, within [cap/2, cap]', () => {
    expect(backoffDelay(0, 500, 15_000, () => 0)).toBe(250);
    expect(backoffDelay(0, 500, 15_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 15_000, () => 1)).toBe(4000);
    expect(backoffDelay(40, 500, 15_000, () => 0.5)).toBe(11_250);
  });

  it('takes the credential from the environment only, and says what is wrong without echoing it', () => {
    expect(readCredential({ FENGSUI_SYNC_CREDENTIAL: CRED })).toBe(CRED);
    expect(deviceIdOf(CRED)).toBe(DEV);
    expect(() => readCredential({})).toThrow(CredentialError);
    expect(() => readCredential({})).toThrow(/FENGSUI_SYNC_CREDENTIAL/);
    try {
      readCredential({ FENGSUI_SYNC_CREDENTIAL: 'secret-but-wrong' });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain('secret-but-wrong');
    }
  });

  it('parses --server and refuses a credential-looking or bad value', () => {
    expect(parseServeArgs(['--server', 'https://sync.example:8787']).server).toBe(
      'https://sync.example:8787',
    );
    expect(parseServeArgs([]).server).toBeUndefined();
    expect(() => parseServeArgs(['--server', 'sync.example'])).toThrow(UsageError);
    expect(clockFromEnv({})).toBeUndefined();
    const skewed = clockFromEnv({ FENGSUI_CLOCK_SKEW_MS: '-300000' })!;
    expect(Math.abs(skewed() - (Date.now() - 300_000))).toBeLessThan(1000);
  });

  it('last-writer-wins per field: greater HLC wins, console id breaks a tie, version and isDrill never merge', () => {
    const a = 'aaaaaaaa-0000-4000-8000-000000000000';
    const b = 'bbbbbbbb-0000-4000-8000-000000000000';
    const clocks = new Map([
      ['status', { hlc: hlc(2000, a), consoleId: a }],
      ['description', { hlc: hlc(1000, a), consoleId: a }],
    ]);
    const change = {
      consoleId: b,
      hlc: hlc(1500, b),
      fields: { status: 'closed', description: 'newer', priority: 'P1', version: 9, isDrill: true },
    };
    expect(winningFields(change, clocks)).toEqual({ description: 'newer', priority: 'P1' });
    // Same HLC string from two consoles cannot happen (the node is in it); same wall+counter: node order decides.
    const tie = { consoleId: b, hlc: hlc(2000, b), fields: { status: 'closed' } };
    expect(winningFields(tie, clocks)).toEqual({ status: 'closed' });
  });
});
