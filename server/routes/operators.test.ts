import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_HEADER, OperatorSessionResponseSchema, ServerErrorBodySchema } from '../../contract/sync';
import { startPostgres, type PgCluster } from '../../test/peers/postgres';
import { addOperator, LOCKOUT } from '../db/operators';
import { createPool } from '../db/pool';
import { call, change, count, device, startServer, type Running, type TestDevice } from '../testing/fixtures';

const run = promisify(execFile);
let pg: PgCluster;
let s: Running;
let a: TestDevice;
let b: TestDevice;
const PASSWORD = 'correct horse 1';

beforeAll(async () => {
  pg = await startPostgres();
  s = await startServer(pg.url, { rateLimit: false });
  a = await device(pg.url);
  b = await device(pg.url);
  const pool = createPool(pg.url, () => undefined, 1);
  try {
    for (const [name, role] of [
      ['zhang.wei', 'operator'],
      ['li.na', 'supervisor'],
      ['gone', 'operator'],
      ['locky', 'operator'],
      ['expiring', 'operator'],
      ['张伟', 'coordinator'],
    ] as const)
      await addOperator(pool, name, role, PASSWORD);
  } finally {
    await pool.end();
  }
}, 120_000);
afterAll(async () => {
  await s?.server.close();
  await pg?.stop();
});

const signIn = (username: string, password = PASSWORD, credential = a.credential) =>
  call(s.url, '/v1/session', { body: { username, password }, credential });

function refusal(r: { status: number; body: unknown }, status: number, code: string): string {
  expect(r.status).toBe(status);
  const body = ServerErrorBodySchema.parse(r.body);
  expect(body.error.code).toBe(code);
  return body.error.message;
}

describe('POST /v1/session: operator sign-in from a registered console', () => {
  it('signs in with the right password and returns a short-lived token bound to the console', async () => {
    const r = await signIn('zhang.wei');
    expect(r.status).toBe(201);
    const session = OperatorSessionResponseSchema.parse(r.body);
    expect(session.operator).toMatchObject({ username: 'zhang.wei', role: 'operator' });
    const ttl = session.expiresAt - Date.now();
    expect(ttl).toBeGreaterThan(11 * 3600_000);
    expect(ttl).toBeLessThanOrEqual(12 * 3600_000 + 5000);
    // Stored hashed: the token appears nowhere in the database or the logs, nor does the password.
    const dump = await pg.psql(pg.url, 'SELECT row_to_json(s)::text FROM operator_sessions s');
    expect(dump).not.toContain(session.token);
    expect(dump).not.toContain(Buffer.from(session.token).toString('hex'));
    expect(s.logs.text).not.toContain(session.token);
    expect(s.logs.text).not.toContain(PASSWORD);
    const me = await call(s.url, '/v1/session', {
      credential: a.credential,
      headers: { [OPERATOR_HEADER]: session.token },
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ operator: { username: 'zhang.wei' } });
    // Another console cannot use it.
    const stolen = await call(s.url, '/v1/session', {
      credential: b.credential,
      headers: { [OPERATOR_HEADER]: session.token },
    });
    refusal(stolen, 401, 'unauthorized');
  });

  it('takes account names in any script, as the consoles do', async () => {
    const r = await signIn('张伟');
    expect(r.status).toBe(201);
    expect(OperatorSessionResponseSchema.parse(r.body).operator).toMatchObject({
      username: '张伟',
      role: 'coordinator',
    });
  });

  it('needs the device credential: no device, no sign-in', async () => {
    refusal(
      await call(s.url, '/v1/session', { body: { username: 'zhang.wei', password: PASSWORD } }),
      401,
      'unauthorized',
    );
  });

  it('refuses a wrong password and an unknown name with the same 401', async () => {
    const wrong = refusal(await signIn('zhang.wei', 'not the password'), 401, 'sign_in_failed');
    const unknown = refusal(await signIn('nobody', 'not the password'), 401, 'sign_in_failed');
    expect(wrong).toContain('zhang.wei');
    expect(unknown.replace('nobody', 'zhang.wei')).toBe(wrong);
    expect(s.logs.text).not.toContain('not the password');
  });

  it('refuses malformed input with a 400 naming the field', async () => {
    const r = await call(s.url, '/v1/session', {
      body: { username: 'a b', password: '' },
      credential: a.credential,
    });
    expect(refusal(r, 400, 'bad_request')).toMatch(/username/);
  });

  it('refuses a disabled operator with 403 (after the password), and disabling ends open sessions', async () => {
    const before = OperatorSessionResponseSchema.parse((await signIn('gone')).body);
    await run('npx', [
      'tsx',
      'server/main.ts',
      'operator',
      'disable',
      '--username',
      'gone',
      '--database-url',
      pg.url,
    ]);
    expect(refusal(await signIn('gone'), 403, 'forbidden')).toMatch(/disabled/);
    refusal(await signIn('gone', 'wrong password'), 401, 'sign_in_failed');
    const me = await call(s.url, '/v1/session', {
      credential: a.credential,
      headers: { [OPERATOR_HEADER]: before.token },
    });
    refusal(me, 401, 'unauthorized');
  }, 60_000);

  it(`locks the account after ${LOCKOUT.attempts} failures: 429 with Retry-After, even for the right password`, async () => {
    for (let i = 0; i < LOCKOUT.attempts - 1; i++)
      refusal(await signIn('locky', `guess ${i}`), 401, 'sign_in_failed');
    const locked = await signIn('locky', 'last guess');
    expect(refusal(locked, 429, 'sign_in_throttled')).toMatch(/locky/);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(LOCKOUT.lockMs / 1000 - 10);
    refusal(await signIn('locky'), 429, 'sign_in_throttled');
    // Shared through the database: another console sees the same lock.
    refusal(await signIn('locky', PASSWORD, b.credential), 429, 'sign_in_throttled');
    // An administrator's new password lifts it.
    await run(
      'npx',
      ['tsx', 'server/main.ts', 'operator', 'password', '--username', 'locky', '--database-url', pg.url],
      {
        env: { ...process.env, FENGSUI_OPERATOR_PASSWORD: 'a brand new one' },
      },
    );
    expect((await signIn('locky', 'a brand new one')).status).toBe(201);
  }, 60_000);

  it('an expired session is refused and sign-out ends a session', async () => {
    const one = OperatorSessionResponseSchema.parse((await signIn('expiring')).body);
    await pg.psql(
      pg.url,
      "UPDATE operator_sessions SET expires_at = now() - interval '1 second' WHERE device_id = '" +
        a.id +
        "'",
    );
    const me = await call(s.url, '/v1/session', {
      credential: a.credential,
      headers: { [OPERATOR_HEADER]: one.token },
    });
    expect(refusal(me, 401, 'unauthorized')).toMatch(/expired/);

    const two = OperatorSessionResponseSchema.parse((await signIn('expiring')).body);
    const out = await call(s.url, '/v1/session', {
      method: 'DELETE',
      credential: a.credential,
      headers: { [OPERATOR_HEADER]: two.token },
    });
    expect(out.status).toBe(204);
    const after = await call(s.url, '/v1/session', {
      credential: a.credential,
      headers: { [OPERATOR_HEADER]: two.token },
    });
    refusal(after, 401, 'unauthorized');
  });
});

describe('pushes carry the operator', () => {
  const pushed = () =>
    pg.psql(
      pg.url,
      `SELECT coalesce(username, '-'), first_seq, last_seq, change_count, coalesce(problem, '-')
         FROM push_operators WHERE console_id = '${b.id}' ORDER BY id`,
    );

  it('records who pushed each batch; replays add nothing; old consoles without the header still push', async () => {
    const session = OperatorSessionResponseSchema.parse((await signIn('li.na', PASSWORD, b.credential)).body);
    const push = (changes: unknown[], headers: Record<string, string> = {}) =>
      call(s.url, '/v1/push', { body: { epoch: null, changes }, credential: b.credential, headers });
    const withOperator = { [OPERATOR_HEADER]: session.token };

    expect((await push([change(b.id, 1), change(b.id, 2), change(b.id, 3)], withOperator)).status).toBe(200);
    expect((await push([change(b.id, 1), change(b.id, 2), change(b.id, 3)], withOperator)).status).toBe(200);
    // An older console: no header, pushed as before, nobody recorded.
    expect((await push([change(b.id, 4)])).status).toBe(200);
    // A bad or expired token never stops sync: stored, recorded as not attributable.
    expect((await push([change(b.id, 5)], { [OPERATOR_HEADER]: 'x'.repeat(43) })).status).toBe(200);
    await pg.psql(
      pg.url,
      `UPDATE operator_sessions SET expires_at = now() - interval '1 second' WHERE device_id = '${b.id}'`,
    );
    expect((await push([change(b.id, 6), change(b.id, 7)], withOperator)).status).toBe(200);

    expect((await pushed()).split('\n')).toEqual(['li.na|1|3|3|-', '-|5|5|1|invalid', '-|6|7|2|expired']);
    expect(await count(pg.url, `SELECT count(*) AS n FROM changes WHERE console_id = '${b.id}'`)).toBe(7);
    expect(s.logs.text).not.toContain(session.token);
  });
});

describe('server operator CLI', () => {
  it('adds (password from stdin, never argv), lists, refuses a duplicate', async () => {
    const child = execFile('npx', [
      'tsx',
      'server/main.ts',
      'operator',
      'add',
      '--username',
      'wang.fang',
      '--role',
      'coordinator',
      '--database-url',
      pg.url,
    ]);
    child.stdin!.end('piped password\n');
    const outText = await new Promise<string>((resolve, reject) => {
      let o = '';
      child.stdout!.on('data', (d: Buffer) => (o += d.toString()));
      child.on('exit', (code) => (code === 0 ? resolve(o) : reject(new Error(`exit ${code}`))));
    });
    expect(outText).toMatch(/operator wang\.fang \(coordinator\) added/);
    expect(outText).not.toContain('piped password');
    expect((await signIn('wang.fang', 'piped password')).status).toBe(201);
    const stored = await pg.psql(pg.url, "SELECT password_hash FROM operators WHERE username = 'wang.fang'");
    expect(stored).toMatch(/^\$argon2id\$/);

    const { stdout } = await run('npx', [
      'tsx',
      'server/main.ts',
      'operator',
      'list',
      '--database-url',
      pg.url,
    ]);
    expect(stdout).toMatch(/gone\s+operator\s+disabled/);
    expect(stdout).toMatch(/wang\.fang\s+coordinator\s+active/);

    const dup = await run(
      'npx',
      ['tsx', 'server/main.ts', 'operator', 'add', '--username', 'wang.fang', '--database-url', pg.url],
      {
        env: { ...process.env, FENGSUI_OPERATOR_PASSWORD: 'another password' },
      },
    ).catch((e: { code: number; stderr: string }) => e);
    expect((dup as { code: number }).code).toBe(1);
    expect((dup as { stderr: string }).stderr).toMatch(/exists already/);
  }, 90_000);
});
