import { describe, expect, it } from 'vitest';
import { listSerialPorts } from './listPorts';

describe('listSerialPorts', () => {
  it('does not call the lister when udevadm is missing (it would kill the process) and says what to do', async () => {
    let called = false;
    const r = await listSerialPorts(
      async () => {
        called = true;
        return [];
      },
      () => false,
    );
    if (process.platform !== 'linux') return;
    expect(called).toBe(false);
    expect(r).toMatchObject({ listed: false, ports: [] });
    expect(r.reason).toMatch(/udev.*type the device path/);
  });

  it('turns a failing lister into a reason instead of an error', async () => {
    const r = await listSerialPorts(
      () => Promise.reject(new Error('spawn udevadm ENOENT')),
      () => true,
    );
    expect(r).toMatchObject({ listed: false, reason: expect.stringContaining('spawn udevadm ENOENT') });
  });

  it('maps listed ports', async () => {
    const r = await listSerialPorts(
      async () => [
        { path: '/dev/ttyUSB0', manufacturer: 'FTDI', vendorId: '0403', productId: '6001' } as never,
      ],
      () => true,
    );
    expect(r.ports[0]).toEqual({
      path: '/dev/ttyUSB0',
      manufacturer: 'FTDI',
      serialNumber: null,
      vendorId: '0403',
      productId: '6001',
      pnpId: null,
    });
  });
});
