// Whether to expose the map object as window.__regionkartanMap for e2e tests:
// in development, or when the page was opened with `?test` (remembered for the
// tab, because the explorer rewrites the query string to its own view state).
const KEY = 'regionkartan.test';

export function testHookEnabled(): boolean {
  if (import.meta.env.DEV) return true;
  try {
    if (new URLSearchParams(location.search).has('test')) {
      sessionStorage.setItem(KEY, '1');
      return true;
    }
    return sessionStorage.getItem(KEY) === '1';
  } catch {
    return false; // storage blocked
  }
}
