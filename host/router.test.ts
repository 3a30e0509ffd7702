import { describe, expect, it } from 'vitest';
import { HostFailure, MAX_FRAME_BYTES } from '../contract';
import { Router, defineHandlers } from './router';
import { silentLog } from '../test/helpers/host';

const ctx = { transport: 'ws' as const };
const log = silentLog();

describe('router', () => {
  it('rejects a handler map that registers a method twice', () => {
    const a = defineHandlers({ 'category.list': () => [] });
    const b = defineHandlers({ 'category.list': () => [] });
    expect(() => new Router([a, b], { log, allowMissing: true })).toThrow(/registered by two features/);
  });

  it('refuses to start with contract methods nobody handles', () => {
    expect(() => new Router([defineHandlers({ 'category.list': () => [] })], { log })).toThrow(
      /no handler for contract methods: system.hello/,
    );
  });

  it('refuses a handler for a method the contract does not define', () => {
    expect(() => new Router([{ 'no.such': () => 1 } as never], { log, allowMissing: true })).toThrow(
      /does not define/,
    );
  });

  const router = new Router(
    [
      defineHandlers({
        'category.list': () => [],
        'incident.get': (p) => {
          if (p.id.startsWith('0')) throw new HostFailure('not_found', { entity: 'incident', id: p.id });
          if (p.id.startsWith('1'))
            throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
          throw new Error('boom');
        },
        'unit.list': () => [{ not: 'a unit' }] as never,
      }),
    ],
    { log, allowMissing: true, validateResults: true },
  );

  it('answers an unknown method with unknown_method, naming it', async () => {
    const r = await router.handleFrame({ t: 'req', id: 1, method: 'incident.explode' }, ctx);
    expect(r).toMatchObject({
      id: 1,
      ok: false,
      error: { code: 'unknown_method', params: { method: 'incident.explode' } },
    });
  });

  it('answers bad params with bad_request and field issues', async () => {
    const r = await router.handleFrame({ t: 'req', id: 2, method: 'incident.get', params: { id: 42 } }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_request');
      expect(r.error.issues?.[0]?.path).toBe('id');
      expect(r.error.message).toMatch(/incident.get/);
    }
  });

  it('maps handler failures: typed, storage, and unexpected (with a reference, no stack to the client)', async () => {
    const nf = await router.handleFrame(
      { t: 'req', id: 3, method: 'incident.get', params: { id: '0198c2b0-0000-7000-8000-000000000000' } },
      ctx,
    );
    expect(nf).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const io = await router.handleFrame(
      { t: 'req', id: 4, method: 'incident.get', params: { id: '1198c2b0-0000-7000-8000-000000000000' } },
      ctx,
    );
    expect(io).toMatchObject({ ok: false, error: { code: 'storage', params: { detail: 'SQLITE_IOERR' } } });
    const boom = await router.handleFrame(
      { t: 'req', id: 5, method: 'incident.get', params: { id: '2198c2b0-0000-7000-8000-000000000000' } },
      ctx,
    );
    expect(boom).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(boom)).not.toMatch(/boom|at /);
  });

  it('catches a handler whose result breaks the contract', async () => {
    const r = await router.handleFrame({ t: 'req', id: 6, method: 'unit.list' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('answers malformed frames without throwing', async () => {
    for (const text of [
      '',
      'nope',
      '[]',
      '{"t":"req"}',
      '{"t":"req","id":-1,"method":"x"}',
      'null',
      '{"t":"res","id":1}',
    ]) {
      const r = await router.handleText(text, ctx);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('bad_request');
    }
  });

  it('refuses an oversized frame before parsing it', async () => {
    const r = await router.handleText(
      JSON.stringify({
        t: 'req',
        id: 1,
        method: 'category.list',
        params: { pad: 'x'.repeat(MAX_FRAME_BYTES) },
      }),
      ctx,
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
  });
});
