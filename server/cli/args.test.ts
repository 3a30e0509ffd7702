import { describe, expect, it } from 'vitest';
import { parseCommand } from './args';

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

  it('takes the database URL from the environment and complains when missing', () => {
    expect(parseCommand([], { FENGSUI_DATABASE_URL: 'postgres://env/db' })).toMatchObject({
      databaseUrl: 'postgres://env/db',
    });
    expect(() => parseCommand([], {})).toThrow(/--database-url is required/);
    expect(() => parseCommand(['frobnicate', ...url])).toThrow(/unknown command/);
  });
});
