/** FAP reports many values via sprintf('%.1f'); rounding the same way keeps our numbers comparable. */
export function round1(n: number): number {
  return Number(n.toFixed(1));
}

export function fahrenheitToCelsius(f: number): number {
  return (f - 32) / 1.8;
}

/**
 * Position resolution in metres for a number of decimal places of minutes (FAP's _get_posresolution):
 * 2 = 0.01', down to -2 = whole degrees.
 */
export function posResolution(decimals: number): number {
  return 1.852 * (decimals <= -2 ? 600 : 1000) * 10 ** -decimals;
}

export function base91(text: string): number {
  let n = 0;
  for (const c of text) n = n * 91 + (c.charCodeAt(0) - 33);
  return n;
}
