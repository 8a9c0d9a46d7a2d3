// @ts-check
// How often one may try to join: joins per client address, and guessing of join
// codes and admin tokens (JOIN_LIMITS: a room on one Wi-Fi gets in, guessing a
// code does not pay).
import { HttpError } from './http-json.js';
import { createRateLimiter } from './rate-limit.js';

/**
 * @typedef {{
 *   joinsPerMinute?: number,
 *   joinBurst?: number,
 *   failuresPerMinute?: number,
 *   failureBurst?: number,
 *   globalFailuresPerMinute?: number
 * }} JoinLimitOptions
 */

/**
 * @param {number} wait seconds
 */
function tooMany(wait) {
  return new HttpError(
    429,
    'rate_limited',
    `För många försök. Vänta ${wait} sekunder och försök igen.`,
    { 'Retry-After': String(Math.max(1, wait)) }
  );
}

/**
 * Rate limits of /auth/local/join. A room of 60–300 people behind one Wi-Fi (one
 * address) joins within a minute, with some typos; guessing a code does not pay:
 * codes are 6 of 31 characters (887 million), so wrong attempts at these rates
 * find one with a chance of about 1 in 3 000 in 12 hours from everywhere together
 * (300/min) and 1 in 100 000 from one address (10/min). Joining itself is only
 * limited against floods. A wrong code blocks further code attempts from that
 * address (also the right code) until the allowance refills.
 */
export const JOIN_LIMITS = Object.freeze({
  /** All joins per address: a flood guard, far above a room. */
  joinBurst: 600,
  joinsPerMinute: 600,
  /** Wrong codes or admin tokens per address. */
  failureBurst: 20,
  failuresPerMinute: 10,
  /** Wrong codes or admin tokens from all addresses together, per minute. */
  globalFailuresPerMinute: 300
});

/** @param {JoinLimitOptions} [options] each left out is JOIN_LIMITS' */
export function createJoinLimits(options = {}) {
  const limits = { ...JOIN_LIMITS, ...options };
  const joins = createRateLimiter({ capacity: limits.joinBurst, perMinute: limits.joinsPerMinute });
  const failures = createRateLimiter({
    capacity: limits.failureBurst,
    perMinute: limits.failuresPerMinute
  });
  const globalFailures = createRateLimiter({
    capacity: limits.globalFailuresPerMinute,
    perMinute: limits.globalFailuresPerMinute
  });

  return {
    /** Counts one join from this address; HttpError 429 when it has made too many. @param {string} ip */
    takeJoin(ip) {
      if (!joins.take(ip)) throw tooMany(joins.retryAfter(ip));
    },
    /**
     * Before a code or token is checked: HttpError 429 while this address (or
     * everyone) has to wait after wrong ones.
     * @param {string} ip
     */
    checkGuess(ip) {
      const wait = Math.max(failures.retryAfter(ip), globalFailures.retryAfter('*'));
      if (wait > 0) throw tooMany(wait);
    },
    /** A wrong code or token from this address. @param {string} ip */
    recordFailure(ip) {
      failures.take(ip);
      globalFailures.take('*');
    }
  };
}
