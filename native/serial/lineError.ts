/**
 * Turns a failure of the modem-control ioctl (RTS/DTR) into words a technician can act on. On a pty (socat,
 * direwolf -p) and on some USB adapters the line does not exist: the kernel answers ENOTTY, which Node shows as
 * "Inappropriate ioctl for device".
 */
export function describeLineError(path: string, line: string, e: unknown): string {
  const message = (e as Error)?.message ?? String(e);
  if (/Inappropriate ioctl|ENOTTY/i.test(message))
    return `${path} cannot drive ${line} (Inappropriate ioctl for device): it is a pseudo-terminal or an adapter without modem-control lines. Use PTT by rigctld or VOX, or connect the radio's PTT to a real serial port.`;
  if (/not open|closed/i.test(message))
    return `${path} is not open, so ${line} cannot be set. Check that the cable is plugged in.`;
  return `Setting ${line} on ${path} failed: ${message}`;
}

export class SerialLineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SerialLineError';
  }
}
