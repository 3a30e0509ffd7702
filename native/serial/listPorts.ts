import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SerialPort } from 'serialport';

export interface ListedPort {
  path: string;
  manufacturer: string | null;
  serialNumber: string | null;
  vendorId: string | null;
  productId: string | null;
  pnpId: string | null;
}

export interface PortListing {
  ports: ListedPort[];
  listed: boolean;
  reason: string | null;
}

function onPath(command: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/**
 * Lists the serial devices the operating system knows. On Linux serialport runs `udevadm info -e`; when udev
 * is not installed that spawn fails with ENOENT and (serialport 13) the failure escapes as an uncaught error
 * that kills the whole host — every bridge and the database with it. So the guard checks for `udevadm` first,
 * and also catches and times out the call. ptys (socat, direwolf -p) are never listed: the UI lets the
 * technician type a path.
 */
export async function listSerialPorts(
  list: () => Promise<Awaited<ReturnType<typeof SerialPort.list>>> = () => SerialPort.list(),
  hasUdev: () => boolean = () => onPath('udevadm'),
): Promise<PortListing> {
  if (process.platform === 'linux' && !hasUdev()) {
    return {
      ports: [],
      listed: false,
      reason:
        'The port list needs udev (udevadm was not found). Install it (apt-get install udev) or type the device path, e.g. /dev/ttyUSB0.',
    };
  }
  try {
    const raw = await Promise.race([
      list(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the system did not answer within 5 s')), 5000).unref(),
      ),
    ]);
    return {
      ports: raw.map((p) => ({
        path: p.path,
        manufacturer: p.manufacturer ?? null,
        serialNumber: p.serialNumber ?? null,
        vendorId: p.vendorId ?? null,
        productId: p.productId ?? null,
        pnpId: p.pnpId ?? null,
      })),
      listed: true,
      reason: null,
    };
  } catch (e) {
    return {
      ports: [],
      listed: false,
      reason: `Serial ports could not be listed (${(e as Error).message}). Type the device path instead.`,
    };
  }
}
