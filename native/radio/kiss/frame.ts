import { KISS_COMMANDS, KISS_RETURN_BYTE, kissCommandName, type KissCommand } from './constants';

export interface KissFrame {
  /** TNC port 0..15 (high nibble of the type byte). */
  port: number;
  command: KissCommand;
  /** Unescaped bytes after the type byte: an AX.25 frame for `data`, one parameter byte for the others. */
  payload: Uint8Array;
}

export type KissTypeError = { kind: 'unknown_command'; typeByte: number };

/** Splits the first (type) byte of an unescaped KISS frame into port and command. */
export function parseKissType(typeByte: number): { port: number; command: KissCommand } | KissTypeError {
  if (typeByte === KISS_RETURN_BYTE) return { port: 0, command: 'return' };
  const command = kissCommandName(typeByte & 0x0f);
  if (!command || command === 'return') return { kind: 'unknown_command', typeByte };
  return { port: typeByte >> 4, command };
}

export function kissTypeByte(port: number, command: KissCommand): number {
  if (command === 'return') return KISS_RETURN_BYTE;
  return ((port & 0x0f) << 4) | KISS_COMMANDS[command];
}
