// @ts-check
// A token bucket per key (a client address, or '*' for everyone together).

/**
 * `capacity` attempts at once, refilled at `perMinute`.
 * @param {{ capacity: number, perMinute: number, now?: () => number }} options
 */
export function createRateLimiter({ capacity, perMinute, now = Date.now }) {
  /** @type {Map<string, { tokens: number, at: number }>} */
  const buckets = new Map();
  const rate = perMinute / 60_000;

  /** @param {string} key */
  function state(key) {
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
    bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * rate);
    bucket.at = t;
    if (buckets.size > 10_000 && !buckets.has(key)) {
      for (const [k, b] of buckets) if (b.tokens >= capacity) buckets.delete(k);
    }
    buckets.set(key, bucket);
    return bucket;
  }

  return {
    /** Seconds until one attempt is allowed again (0 = allowed now). */
    /** @param {string} key */
    retryAfter(key) {
      const bucket = state(key);
      return bucket.tokens >= 1 ? 0 : Math.ceil((1 - bucket.tokens) / rate / 1000);
    },
    /** Takes one attempt; false when none is left. @param {string} key */
    take(key) {
      const bucket = state(key);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    }
  };
}
