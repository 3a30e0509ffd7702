import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeAprsAck, encodeAprsMessage, encodeAprsPosition, encodeAprsRej } from './encode';
import { parseAprs } from './parse';

const HEAD = 'BG7ABC-9>APZFSU,WIDE1-1:';

describe('APRS encoder', () => {
  it('encodes a message with id in the form FAP reads back', () => {
    const e = encodeAprsMessage({ addressee: 'OH7LZB', text: 'Testing, 1 2 3', id: '42' });
    expect(e).toEqual({ ok: true, body: ':OH7LZB   :Testing, 1 2 3{42' });
  });

  it('encodes acks, rejects and reply-acks', () => {
    expect(encodeAprsAck('OH7LZB', '42')).toEqual({ ok: true, body: ':OH7LZB   :ack42' });
    expect(encodeAprsRej('OH7LZB', '42')).toEqual({ ok: true, body: ':OH7LZB   :rej42' });
    expect(encodeAprsMessage({ addressee: 'A', text: 'hi', id: '1', replyAck: 'f001' })).toEqual({
      ok: true,
      body: ':A        :hi{1}f001',
    });
  });

  it('refuses what would be misread on air, saying why', () => {
    expect(encodeAprsMessage({ addressee: 'TOOLONGCALL', text: 'x' })).toMatchObject({
      ok: false,
      reason: /addressee/,
    });
    expect(encodeAprsMessage({ addressee: 'A', text: 'x'.repeat(68) })).toMatchObject({
      ok: false,
      reason: /67/,
    });
    expect(encodeAprsMessage({ addressee: 'A', text: 'a{b' })).toMatchObject({ ok: false });
    expect(encodeAprsMessage({ addressee: 'A', text: 'x', id: '123456' })).toMatchObject({
      ok: false,
      reason: /id/,
    });
    expect(encodeAprsAck('A', '')).toMatchObject({ ok: false });
    expect(encodeAprsPosition({ latitude: 91, longitude: 0 })).toMatchObject({
      ok: false,
      reason: /latitude/,
    });
    expect(encodeAprsPosition({ latitude: 0, longitude: 0, symbolTable: ',' })).toMatchObject({ ok: false });
  });

  it('encodes a position report with course, speed and altitude', () => {
    const e = encodeAprsPosition({
      latitude: 36.5,
      longitude: 103.6666667,
      symbolCode: '>',
      course: 88,
      speed: 36 * 1.852,
      altitude: 24.0792,
      comment: ' duty car',
      messaging: true,
    });
    expect(e).toEqual({ ok: true, body: '=3630.00N/10340.00E>088/036/A=000079 duty car' });
  });
});

describe('APRS encoder properties', () => {
  const text = fc.stringMatching(/^[ -z]{0,60}$/).filter((t) => !/[{|~]/.test(t) && !/^(ack|rej)/.test(t));
  const id = fc.stringMatching(/^[A-Za-z0-9]{1,5}$/);
  const call = fc.stringMatching(/^[A-Z0-9]{1,6}(-[0-9]{1,2})?$/);

  it('message → parse round-trips addressee, text and id', () => {
    fc.assert(
      fc.property(call, text, fc.option(id, { nil: undefined }), (to, t, i) => {
        const e = encodeAprsMessage({ addressee: to, text: t, id: i });
        expect(e.ok).toBe(true);
        if (!e.ok) return;
        const r = parseAprs(HEAD + e.body);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.packet.destination).toBe(to);
        expect(r.packet.messageId).toBe(i);
        // FAP keeps trailing spaces of a message without id but strips them before an id's end.
        expect(r.packet.message).toBe(t);
      }),
    );
  });

  it('ack → parse round-trips', () => {
    fc.assert(
      fc.property(call, id, (to, i) => {
        const e = encodeAprsAck(to, i);
        const r = e.ok ? parseAprs(HEAD + e.body) : undefined;
        expect(r?.ok && r.packet.messageAck).toBe(i);
      }),
    );
  });

  it('position → parse round-trips within the 0.01 minute resolution', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -89.99, max: 89.99, noNaN: true }),
        fc.double({ min: -179.99, max: 179.99, noNaN: true }),
        fc.integer({ min: 1, max: 360 }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: -20000, max: 20000 }),
        (lat, lon, course, knots, altitude) => {
          const e = encodeAprsPosition({
            latitude: lat,
            longitude: lon,
            course,
            speed: knots * 1.852,
            altitude,
            symbolCode: '>',
          });
          expect(e.ok).toBe(true);
          if (!e.ok) return;
          const r = parseAprs(HEAD + e.body);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(Math.abs(r.packet.latitude! - lat)).toBeLessThan(1 / 6000);
          expect(Math.abs(r.packet.longitude! - lon)).toBeLessThan(1 / 6000);
          expect(r.packet.course).toBe(course);
          expect(r.packet.speed).toBeCloseTo(knots * 1.852, 6);
          expect(Math.abs(r.packet.altitude! - altitude)).toBeLessThan(0.2);
        },
      ),
    );
  });
});
