// The pieces the local identity is made of, on their own: the token bucket, the
// join limits built from it (wrong guesses 5 at once per address, then one a
// minute; 30 a minute in total), the join code's alphabet and format, and the
// constant-time secret comparison.
import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../server/addresses.js';
import { HttpError } from '../../server/http-json.js';
import { formatJoinCode, newJoinCode } from '../../server/join-code.js';
import { createJoinLimits } from '../../server/join-limits.js';
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
  it('refuses guessing after 5 wrong codes from one address, with Retry-After', () => {
    const limits = createJoinLimits();
    for (let i = 0; i < 5; i++) {
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

  it('refuses everyone after 30 wrong guesses in total', () => {
    const limits = createJoinLimits();
    for (let i = 0; i < 30; i++) limits.recordFailure(`10.0.0.${i}`);
    expect(thrown(() => limits.checkGuess('10.0.1.1'))).toMatchObject({ status: 429 });
  });

  it('limits joins per address (30 at once by default)', () => {
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
