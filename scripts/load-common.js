// @ts-check
// What the load scripts (load-editors.js, load-workshop.js) share: their options,
// the figures they report and a pause.

/**
 * A numeric option `--name=<n>` (at least 0), or `fallback` without one.
 * @param {string} name
 * @param {number} fallback
 */
export function numberArg(name, fallback) {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.split('=')[1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number`);
  return value;
}

/** Where to write the results: `--out=<path>`, or `fallback`. @param {string} fallback */
export function outArg(fallback) {
  const arg = process.argv.find((a) => a.startsWith('--out='));
  return arg ? arg.slice(6) : fallback;
}

/** @param {number[]} values @param {number} p */
function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}

/** How many, the median, the 95th percentile and the largest, to a tenth. @param {number[]} values */
export function summary(values) {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max: values.length ? Math.round(Math.max(...values) * 10) / 10 : null
  };
}

export const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
