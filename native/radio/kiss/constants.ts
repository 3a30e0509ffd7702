/** KISS special bytes (K3MC/KA9Q, 1986). */
export const FEND = 0xc0;
export const FESC = 0xdb;
export const TFEND = 0xdc;
export const TFESC = 0xdd;

export const KISS_COMMANDS = {
  data: 0x0,
  txdelay: 0x1,
  persistence: 0x2,
  slottime: 0x3,
  txtail: 0x4,
  fullduplex: 0x5,
  sethardware: 0x6,
  return: 0xf,
} as const;

export type KissCommand = keyof typeof KISS_COMMANDS;

/** The whole type byte of "return" is 0xFF: it has no port nibble. */
export const KISS_RETURN_BYTE = 0xff;

const byCode = new Map<number, KissCommand>(
  (Object.entries(KISS_COMMANDS) as [KissCommand, number][]).map(([name, code]) => [code, name]),
);

export function kissCommandName(code: number): KissCommand | undefined {
  return byCode.get(code);
}
