import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from './args';

const url = ['--database-url', 'postgres://x@127.0.0.1/db'];

describe('parseCommand', () => {
  it('serves by default with optional port, host and TLS', () => {
    expect(parseCommand([...url])).toMatchObject({ kind: 'serve', databaseUrl: 'postgres://x@127.0.0.1/db' });
    expect(parseCommand([...url, '--port', '9000', '--host', '0.0.0.0'])).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
    });
    expect(() => parseCommand([...url, '--tls-cert', 'c.pem'])).toThrow(/go together/);
    expect(() => parseCommand([...url, '--port', 'http'])).toThrow(/--port/);
  });

  it('parses device commands and requires what they need', () => {
    expect(parseCommand(['device', 'add', '--name', 'Console 1', ...url])).toMatchObject({
      kind: 'device-add',
      name: 'Console 1',
      role: 'console',
    });
    expect(parseCommand(['device', 'add', '--name', 'Hotline', '--role', 'intake', ...url])).toMatchObject({
      role: 'intake',
    });
    expect(() => parseCommand(['device', 'add', ...url])).toThrow(/--name/);
    expect(() => parseCommand(['device', 'add', '--name', 'x', '--role', 'admin', ...url])).toThrow(/--role/);
    expect(parseCommand(['restore-epoch', ...url])).toMatchObject({ kind: 'restore-epoch' });
  });

  it('parses operator commands; the password is never an argument', () => {
    expect(parseCommand(['operator', 'add', '--username', 'zhang.wei', ...url])).toMatchObject({
      kind: 'operator-add',
      username: 'zhang.wei',
      role: 'operator',
    });
    expect(
      parseCommand(['operator', 'add', '--username', 'li', '--role', 'supervisor', ...url]),
    ).toMatchObject({
      role: 'supervisor',
    });
    expect(parseCommand(['operator', 'disable', '--username', 'li', ...url])).toMatchObject({
      kind: 'operator-disable',
    });
    expect(parseCommand(['operator', 'list', ...url])).toMatchObject({ kind: 'operator-list' });
    expect(parseCommand(['operator', 'enable', '--username', '张伟', ...url])).toMatchObject({
      username: '张伟',
    });
    expect(() => parseCommand(['operator', 'add', ...url])).toThrow(/--username/);
    expect(() => parseCommand(['operator', 'add', '--username', 'a b', ...url])).toThrow(/--username/);
    expect(() => parseCommand(['operator', 'add', '--username', 'x', '--role', 'root', ...url])).toThrow(
      /--role/,
    );
    expect(() => parseCommand(['operator', 'add', '--username', 'x', '--password', 'p', ...url])).toThrow();
    expect(() => parseCommand(['operator', 'frob', ...url])).toThrow(/operator needs/);
  });

  it('any --username either round-trips exactly or is refused with a usage message', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (name) => {
        try {
          const cmd = parseCommand(['operator', 'disable', '--username', name, ...url]);
          expect(cmd).toMatchObject({ kind: 'operator-disable', username: name });
          expect(name).toMatch(/^[\p{L}\p{N}._-]{1,64}$/u);
        } catch (e) {
          expect(e).toBeInstanceOf(UsageError);
          expect((e as Error).message).toMatch(/--username/);
        }
      }),
    );
  });

  it('takes the database URL from the environment and complains when missing', () => {
    expect(parseCommand([], { FENGSUI_DATABASE_URL: 'postgres://env/db' })).toMatchObject({
      databaseUrl: 'postgres://env/db',
    });
    expect(() => parseCommand([], {})).toThrow(/--database-url is required/);
    expect(() => parseCommand(['frobnicate', ...url])).toThrow(/unknown command/);
  });
});
