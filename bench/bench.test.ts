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
  it('radio', async () => {
    const { main } = await import('./radio');
    expect(await lastLine(() => main(['--frames', '5000']))).toMatch(
      /^radio decode_per_s=\d+ line_rate_x=\d+$/,
    );
  });
});
