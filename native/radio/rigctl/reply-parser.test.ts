import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeRigCommand, RIG_MODES, type RigCommand } from './commands';
import { rigError } from './errors';
import { interpretRigReply } from './interpret';
import { RigReplyParser, type RigReplyEvent } from './reply-parser';

/** Replies exactly as Hamlib 4.5.4 rigctld (dummy rig, -m 1 -P RIG) sent them on this machine. */
const CAPTURED =
  'get_freq:\nFrequency: 145000000\nRPRT 0\n' +
  'set_freq: 145500000\nRPRT 0\n' +
  'set_mode: FM 15000\nRPRT 0\n' +
  'get_mode:\nMode: FM\nPassband: 15000\nRPRT 0\n' +
  'get_vfo:\nVFO: Main\nRPRT 0\n' +
  'get_ptt:\nPTT: 1\nRPRT 0\n' +
  'get_mem:\nMemory#: 5\nRPRT 0\n' +
  'get_level: STRENGTH\n-32\nRPRT 0\n' +
  'get_level: FOO\nRPRT -1\n' +
  'set_mem: 9999\nRPRT -1\n';

function parse(chunks: string[]): RigReplyEvent[] {
  const p = new RigReplyParser();
  return chunks.flatMap((c) => p.push(c));
}

describe('rigctld extended reply parser', () => {
  it('parses captured replies into typed state', () => {
    const events = parse([CAPTURED]);
    expect(events.every((e) => e.ok)).toBe(true);
    const states = events.map((e) => (e.ok ? interpretRigReply(e.reply) : undefined));
    expect(states).toEqual([
      { ok: true, state: { kind: 'frequency', hz: 145000000 } },
      { ok: true, state: { kind: 'done' } },
      { ok: true, state: { kind: 'done' } },
      { ok: true, state: { kind: 'mode', mode: 'FM', passbandHz: 15000 } },
      { ok: true, state: { kind: 'vfo', vfo: 'Main' } },
      { ok: true, state: { kind: 'ptt', on: true } },
      { ok: true, state: { kind: 'memory', channel: 5 } },
      { ok: true, state: { kind: 'level', level: 'STRENGTH', value: -32 } },
      { ok: false, reason: 'get_level failed: invalid parameter (RIG_EINVAL, RPRT -1)' },
      { ok: false, reason: 'set_mem failed: invalid parameter (RIG_EINVAL, RPRT -1)' },
    ]);
  });

  it('maps Hamlib error codes to readable errors', () => {
    expect(rigError(-1)).toMatchObject({ name: 'RIG_EINVAL', message: 'invalid parameter' });
    expect(rigError(-4)).toMatchObject({ name: 'RIG_ENIMPL' });
    expect(rigError(-9)).toMatchObject({ name: 'RIG_ERJCTED', message: 'command rejected by the rig' });
    expect(rigError(-11)).toMatchObject({ name: 'RIG_ENAVAIL', message: 'function not available' });
    expect(rigError(-99)).toMatchObject({ name: 'RIG_EUNKNOWN' });
  });

  it('handles CRLF, a bare RPRT and stray lines without throwing', () => {
    const events = parse(['garbage\r\nRPRT -11\r\nget_ptt:\r\nPTT: 0\r\nRPRT 0\r\n']);
    expect(events[0]).toMatchObject({ ok: false, error: { kind: 'protocol' } });
    expect(events[1]).toMatchObject({
      ok: true,
      reply: { command: '', code: -11, error: { name: 'RIG_ENAVAIL' } },
    });
    expect(events[2]).toMatchObject({
      ok: true,
      reply: { command: 'get_ptt', values: { PTT: '0' }, code: 0 },
    });
  });

  it('reports over-long lines and runaway replies', () => {
    const p = new RigReplyParser({ maxLineLength: 50, maxLinesPerReply: 3 });
    expect(p.push('x'.repeat(60))).toMatchObject([{ ok: false }]);
    expect(
      p.push('\nget_freq:\na: 1\nb: 2\nc: 3\nd: 4\nRPRT 0\n').filter((e) => !e.ok).length,
    ).toBeGreaterThan(0);
  });
});

describe('rigctld command encoder', () => {
  it('encodes the extended form of each command', () => {
    const cmds: RigCommand[] = [
      { kind: 'set_freq', hz: 145500000 },
      { kind: 'get_freq' },
      { kind: 'set_mode', mode: 'FM', passbandHz: 15000 },
      { kind: 'get_mode' },
      { kind: 'set_vfo', vfo: 'VFOA' },
      { kind: 'get_vfo' },
      { kind: 'set_mem', channel: 5 },
      { kind: 'get_mem' },
      { kind: 'set_ptt', on: true },
      { kind: 'get_ptt' },
      { kind: 'get_level', level: 'STRENGTH' },
    ];
    expect(cmds.map((c) => encodeRigCommand(c))).toEqual(
      [
        '+F 145500000',
        '+f',
        '+M FM 15000',
        '+m',
        '+V VFOA',
        '+v',
        '+E 5',
        '+e',
        '+T 1',
        '+t',
        '+l STRENGTH',
      ].map((t) => ({ ok: true, text: `${t}\n` })),
    );
  });

  it('refuses values that would inject another command or that the rig cannot take', () => {
    expect(encodeRigCommand({ kind: 'set_freq', hz: 1.5 })).toMatchObject({ ok: false });
    expect(encodeRigCommand({ kind: 'set_freq', hz: -3 })).toMatchObject({ ok: false });
    expect(encodeRigCommand({ kind: 'set_vfo', vfo: 'VFOA\n+T 1' })).toMatchObject({ ok: false });
    expect(encodeRigCommand({ kind: 'get_level', level: 'STRENGTH\nT 1' })).toMatchObject({ ok: false });
    expect(encodeRigCommand({ kind: 'set_mode', mode: 'XX' as never })).toMatchObject({ ok: false });
    expect(encodeRigCommand({ kind: 'set_mem', channel: -1 })).toMatchObject({ ok: false });
  });
});

describe('rigctld codec properties', () => {
  it('gives the same replies whatever the read sizes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 10 }), (sizes) => {
        const chunks: string[] = [];
        for (let at = 0, i = 0; at < CAPTURED.length; i++) {
          const n = sizes[i % sizes.length]!;
          chunks.push(CAPTURED.slice(at, at + n));
          at += n;
        }
        expect(parse(chunks)).toEqual(parse([CAPTURED]));
      }),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 })), (chunks) => {
        for (const e of parse(chunks)) if (e.ok) interpretRigReply(e.reply);
      }),
    );
  });

  it('encoded commands are one line, and a reply built from them parses back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6e9 }),
        fc.constantFrom(...RIG_MODES),
        fc.integer({ min: 0, max: 50000 }),
        (hz, mode, pb) => {
          for (const c of [
            encodeRigCommand({ kind: 'set_freq', hz }),
            encodeRigCommand({ kind: 'set_mode', mode, passbandHz: pb }),
          ]) {
            expect(c.ok && c.text.split('\n').length).toBe(2);
          }
          const [e] = parse([`get_mode:\nMode: ${mode}\nPassband: ${pb}\nRPRT 0\n`]);
          expect(e?.ok && interpretRigReply(e.reply)).toEqual({
            ok: true,
            state: { kind: 'mode', mode, passbandHz: pb },
          });
        },
      ),
    );
  });
});
