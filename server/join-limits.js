// @ts-check
// How often one may try to join: joins per client address, and guessing of join
// codes and admin tokens (wrong ones: 5 at once per address, then one a minute;
// 30 a minute from everyone together).
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

/** @param {JoinLimitOptions} [limits] */
export function createJoinLimits(limits = {}) {
  const joins = createRateLimiter({
    capacity: limits.joinBurst ?? 30,
    perMinute: limits.joinsPerMinute ?? 30
  });
  const failures = createRateLimiter({
    capacity: limits.failureBurst ?? 5,
    perMinute: limits.failuresPerMinute ?? 1
  });
  const globalFailures = createRateLimiter({
    capacity: limits.globalFailuresPerMinute ?? 30,
    perMinute: limits.globalFailuresPerMinute ?? 30
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
