import { describe, expect, it, vi } from 'vitest';

/**
 * The short version of every benchmark, in the suite so the scripts never rot: small sizes, and the last line
 * must be the figure in the agreed form. The real figures come from `npm run bench -- <name>`.
 */
async function lastLine(run: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines[lines.length - 1] ?? '';
}

describe('benchmarks (short runs)', () => {
  it('store', async () => {
    const { main } = await import('./store');
    expect(await lastLine(() => main(['--n', '150', '--rounds', '1']))).toMatch(/^store ratio=\d+\.\d+$/);
  });
  it('grid', async () => {
    const { main } = await import('./grid');
    expect(await lastLine(() => main(['--cells', '300', '--points', '2000']))).toMatch(
      /^grid speedup=\d+\.\d+$/,
    );
  });
  it('queue', async () => {
    const { main } = await import('./queue');
    expect(await lastLine(() => main(['--n', '3000', '--rounds', '2']))).toMatch(
      /^queue ratio=\d+\.\d+ p95_ms=\d+\.\d+$/,
    );
  });
  it('map', { timeout: 240_000 }, async () => {
    // Real Chromium on both pages, small sizes; builds the renderer first if it is stale.
    const { main } = await import('./map');
    const args = [
      '--incidents',
      '2000',
      '--units',
      '200',
      '--seconds',
      '2',
      '--warmup',
      '1',
      '--rounds',
      '1',
    ];
    expect(await lastLine(() => main(args))).toMatch(/^map frame_ratio=\d+\.\d+$/);
  });
  it('queue-ui', { timeout: 240_000 }, async () => {
    const { main } = await import('./queueUi');
    const args = ['--incidents', '3000', '--seconds', '2', '--warmup', '1', '--rounds', '1'];
    expect(await lastLine(() => main(args))).toMatch(/^queue-ui frame_ratio=\d+\.\d+ p95_ms=\d+\.\d+$/);
  });
  it('radio', async () => {
    const { main } = await import('./radio');
    expect(await lastLine(() => main(['--frames', '5000']))).toMatch(
      /^radio decode_per_s=\d+ line_rate_x=\d+$/,
    );
  });
});
