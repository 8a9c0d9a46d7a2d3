// @ts-check
// The stack's secrets live in the data directory (never in the repo), mode 0600:
// the signing secret (secrets.json; the anon and service keys are JWTs signed
// with it, as on hosted Supabase) and the admin token (identity.json).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT } from 'jose';

/**
 * A random secret of at least 32 characters kept under `key` in `<dataDir>/<fileName>`;
 * made (and the file written) when missing or too short.
 * @param {string} dataDir
 * @param {string} fileName
 * @param {string} key
 * @param {number} bytes how many random bytes a new one has
 * @returns {Promise<string>}
 */
async function persistentSecret(dataDir, fileName, key, bytes) {
  const file = join(dataDir, fileName);
  try {
    const stored = JSON.parse(await readFile(file, 'utf8'));
    if (typeof stored[key] === 'string' && stored[key].length >= 32) return stored[key];
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(bytes).toString('base64url');
  await writeFile(file, JSON.stringify({ [key]: secret }, null, 2) + '\n', { mode: 0o600 });
  return secret;
}

/**
 * @param {string} dataDir
 * @returns {Promise<{ jwtSecret: string }>}
 */
export async function loadOrCreateSecrets(dataDir) {
  return { jwtSecret: await persistentSecret(dataDir, 'secrets.json', 'jwtSecret', 48) };
}

/**
 * The admin token (persistent across starts): whoever holds it joins as admin.
 * @param {string} dataDir
 */
export function loadOrCreateAdminToken(dataDir) {
  return persistentSecret(dataDir, 'identity.json', 'adminToken', 24);
}

/**
 * Compares two secrets in constant time (also when their lengths differ).
 * @param {string} a
 * @param {string} b
 */
export function sameSecret(a, b) {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/**
 * Signs a PostgREST/Supabase-style JWT.
 * @param {string} secret
 * @param {{ role: 'anon' | 'authenticated' | 'service_role', sub?: string } & Record<string, unknown>} claims
 * @param {string} [expiresIn] e.g. '10y', '12h'
 */
export async function signToken(secret, claims, expiresIn = '10y') {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setIssuer('regionkartan-local')
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
