#!/usr/bin/env node
// Fengsui command line. Runs from a plain checkout: the TypeScript sources are loaded through tsx, no build step.
import { register } from 'tsx/esm/api';

register();

const USAGE = 'usage: fengsui decode <kiss|ax25|aprs|nmea> <file|->';
const [command, ...rest] = process.argv.slice(2);

// A reader such as `head` closing the pipe early is normal for a line-per-record tool, not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

if (command === 'decode') {
  const { runDecode } = await import('../native/radio/cli/decode.ts');
  process.exitCode = await runDecode(rest);
} else {
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = command === undefined || command === '--help' || command === '-h' ? 0 : 2;
}
