/** XOR of every character between `$`/`!` and `*`. */
export function nmeaChecksum(body: string): number {
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
  return x & 0xff;
}

export function formatChecksum(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
