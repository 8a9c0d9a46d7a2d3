// @ts-check
// `npm start` on a fresh clone: build the SPA when there is no build, or when
// the sources are newer than it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** @param {string} dir */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** @param {string} buildDir */
export function needsBuild(buildDir) {
  const index = join(buildDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const inputs = ['src', 'static'].map((d) => join(root, d)).filter((d) => existsSync(d));
  return inputs.some((dir) => newestMtime(dir) > built);
}

/** @param {(line: string) => void} log */
export async function buildApp(log) {
  log('Bygger appen (första gången tar det en stund) … / Building the app …');
  const { build } = await import('vite');
  await build({ root, logLevel: 'warn' });
}
