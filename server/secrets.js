// @ts-check
// The stack's secrets, never in the repo: the signing secret (the anon and service
// keys are JWTs signed with it, as on hosted Supabase), the admin token and, on a
// server, the join code.
// - Local (PGlite): in the data directory, mode 0600 (secrets.json, identity.json).
// - Server mode (DATABASE_URL): derived from REGIONKARTAN_SECRET in the environment, so
//   that every process of one installation signs and accepts the same tokens and codes.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { StackError } from './errors.js';
import { CODE_ALPHABET } from './join-code.js';

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

/**
 * @param {string} secret
 * @param {string} purpose
 */
function derive(secret, purpose) {
  return createHmac('sha256', secret).update(`regionkartan:${purpose}`).digest();
}

/**
 * Server mode: the secrets of every process of one installation, from the environment.
 * REGIONKARTAN_SECRET (at least 32 characters) is required; REGIONKARTAN_JOIN_CODE
 * (6 letters or digits) replaces the join code derived from it.
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ jwtSecret: string, adminToken: string, joinCode: string }}
 */
export function secretsFromEnvironment(env) {
  const secret = env.REGIONKARTAN_SECRET ?? '';
  if (secret.length < 32) {
    throw new StackError(
      'REGIONKARTAN_SECRET saknas eller är kortare än 32 tecken. / REGIONKARTAN_SECRET is missing or shorter than 32 characters.',
      'Skapa en gång med "openssl rand -base64 48" och ge samma värde till alla processer (se docs/deploy.md). / Make one with "openssl rand -base64 48" and give every process the same value.'
    );
  }
  const wanted = (env.REGIONKARTAN_JOIN_CODE ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (env.REGIONKARTAN_JOIN_CODE && !new RegExp(`^[${CODE_ALPHABET}]{6}$`).test(wanted)) {
    throw new StackError(
      `REGIONKARTAN_JOIN_CODE ska vara 6 tecken av ${CODE_ALPHABET}. / REGIONKARTAN_JOIN_CODE must be 6 of these characters.`,
      'Ta bort variabeln för en kod härledd ur REGIONKARTAN_SECRET. / Unset it for a code derived from REGIONKARTAN_SECRET.'
    );
  }
  const codeBytes = derive(secret, 'join-code');
  const derived = [...codeBytes.subarray(0, 6)]
    .map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length])
    .join('');
  return {
    jwtSecret: derive(secret, 'jwt').toString('base64url'),
    adminToken: derive(secret, 'admin').toString('base64url').slice(0, 32),
    joinCode: wanted || derived
  };
}
