// @ts-check
// The stack's signing secret lives in the data directory (never in the repo);
// the anon and service keys are JWTs signed with it, as on hosted Supabase.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT } from 'jose';

/**
 * @param {string} dataDir
 * @returns {Promise<{ jwtSecret: string }>}
 */
export async function loadOrCreateSecrets(dataDir) {
  const file = join(dataDir, 'secrets.json');
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8'));
    if (typeof parsed.jwtSecret === 'string' && parsed.jwtSecret.length >= 32) return parsed;
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
  }
  const secrets = { jwtSecret: randomBytes(48).toString('base64url') };
  await writeFile(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  return secrets;
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
