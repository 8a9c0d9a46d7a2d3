// The join rate limits (server/identity.js JOIN_LIMITS): a room of up to 300
// people on one Wi-Fi joins in the same minute, while guessing a code stays
// hopeless. The limiter runs on a fake clock.
import { describe, expect, it } from 'vitest';
import { createRateLimiter, JOIN_LIMITS } from '../../server/identity.js';

const CODES = 31 ** 6;

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** How many attempts a limiter lets through when tried every 100 ms for `hours`. */
function attemptsIn(hours: number, capacity: number, perMinute: number): number {
  const c = clock();
  const limiter = createRateLimiter({ capacity, perMinute, now: c.now });
  let allowed = 0;
  for (let t = 0; t < hours * 3_600_000; t += 100) {
    if (limiter.take('guesser')) allowed++;
    c.advance(100);
  }
  return allowed;
}

describe('JOIN_LIMITS', () => {
  it('let 300 people join from one address in the same instant', () => {
    const c = clock();
    const joins = createRateLimiter({
      capacity: JOIN_LIMITS.joinBurst,
      perMinute: JOIN_LIMITS.joinsPerMinute,
      now: c.now
    });
    const results = Array.from({ length: 300 }, () => joins.take('10.0.0.1'));
    expect(results.every(Boolean)).toBe(true);
  });

  it('tolerate a room’s typos, then make an address wait', () => {
    const c = clock();
    const failures = createRateLimiter({
      capacity: JOIN_LIMITS.failureBurst,
      perMinute: JOIN_LIMITS.failuresPerMinute,
      now: c.now
    });
    for (let i = 0; i < 20; i++) expect(failures.take('10.0.0.1')).toBe(true);
    expect(failures.take('10.0.0.1')).toBe(false);
    expect(failures.retryAfter('10.0.0.1')).toBeGreaterThan(0);
    expect(failures.take('10.0.0.2')).toBe(true); // another address is not affected
    c.advance(60_000 / JOIN_LIMITS.failuresPerMinute);
    expect(failures.take('10.0.0.1')).toBe(true);
  });

  it('make finding a code by guessing in 12 hours unlikely (one address, and all together)', () => {
    const oneAddress = attemptsIn(12, JOIN_LIMITS.failureBurst, JOIN_LIMITS.failuresPerMinute);
    const everywhere = attemptsIn(
      12,
      JOIN_LIMITS.globalFailuresPerMinute,
      JOIN_LIMITS.globalFailuresPerMinute
    );
    expect(oneAddress / CODES).toBeLessThan(1e-5);
    expect(everywhere / CODES).toBeLessThan(5e-4);
  });
});
