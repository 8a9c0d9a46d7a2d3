// The pieces the local identity is made of, on their own: the token bucket, the
// join limits built from it (JOIN_LIMITS: wrong guesses 20 at once per address,
// then 10 a minute; 300 a minute in total; a room of 300 on one Wi-Fi joins at
// once and guessing a code stays hopeless), the join code's alphabet and format, and the
// constant-time secret comparison.
import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../server/addresses.js';
import { HttpError } from '../../server/http-json.js';
import { formatJoinCode, newJoinCode } from '../../server/join-code.js';
import { createJoinLimits, JOIN_LIMITS } from '../../server/join-limits.js';
import { createRateLimiter } from '../../server/rate-limit.js';
import { sameSecret } from '../../server/secrets.js';

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return null;
}

describe('createRateLimiter', () => {
  it('allows `capacity` at once, then refills at `perMinute`', () => {
    let now = 0;
    const limiter = createRateLimiter({ capacity: 2, perMinute: 1, now: () => now });
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
    expect(limiter.retryAfter('a')).toBe(60);
    expect(limiter.take('b')).toBe(true); // per key
    now += 30_000;
    expect(limiter.retryAfter('a')).toBe(30);
    now += 30_000;
    expect(limiter.retryAfter('a')).toBe(0);
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
  });
});

describe('createJoinLimits', () => {
  it('refuses guessing after JOIN_LIMITS.failureBurst wrong codes from one address, with Retry-After', () => {
    const limits = createJoinLimits();
    for (let i = 0; i < JOIN_LIMITS.failureBurst; i++) {
      expect(thrown(() => limits.checkGuess('1.2.3.4'))).toBeNull();
      limits.recordFailure('1.2.3.4');
    }
    const error = thrown(() => limits.checkGuess('1.2.3.4'));
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number((error as HttpError).headers['Retry-After'])).toBeGreaterThan(0);
    expect((error as HttpError).message).toMatch(/För många försök/);
    // Another address may still try.
    expect(thrown(() => limits.checkGuess('5.6.7.8'))).toBeNull();
  });

  it('refuses everyone after JOIN_LIMITS.globalFailuresPerMinute wrong guesses in total', () => {
    const limits = createJoinLimits();
    for (let i = 0; i < JOIN_LIMITS.globalFailuresPerMinute; i++) {
      limits.recordFailure(`10.0.${Math.floor(i / 250)}.${i % 250}`);
    }
    expect(thrown(() => limits.checkGuess('10.0.1.1'))).toMatchObject({ status: 429 });
  });

  it('limits joins per address', () => {
    const limits = createJoinLimits({ joinBurst: 2, joinsPerMinute: 2 });
    limits.takeJoin('a');
    limits.takeJoin('a');
    expect(thrown(() => limits.takeJoin('a'))).toMatchObject({ status: 429 });
    expect(thrown(() => limits.takeJoin('b'))).toBeNull();
  });
});

describe('join codes and secrets', () => {
  it('makes 6-character codes without look-alike characters, shown as XXX-XXX', () => {
    for (let i = 0; i < 200; i++) expect(newJoinCode()).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    expect(formatJoinCode('K7PQ2M')).toBe('K7P-Q2M');
  });

  it('compares secrets of any length', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
  });

  it('knows which hosts are this machine only', () => {
    for (const host of ['127.0.0.1', '127.0.1.1', 'localhost', '::1']) {
      expect(isLoopbackHost(host)).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.10']) expect(isLoopbackHost(host)).toBe(false);
  });
});

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
