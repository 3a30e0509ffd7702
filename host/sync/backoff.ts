/**
 * Exponential backoff with jitter, so a room full of consoles that lost the WAN together does not hammer the
 * server in lock-step when it comes back. Delay for attempt n is uniform in [cap/2, cap], cap = min(max, base·2ⁿ).
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(cap / 2 + random() * (cap / 2));
}
