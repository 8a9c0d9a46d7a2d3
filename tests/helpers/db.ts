// A fresh database with the platform bootstrap and every migration applied, and
// helpers to act as an API role with JWT claims, as PostgREST does. In the `node`
// project an in-memory PGlite; in the `pg` project (REGIONKARTAN_TEST_PG=1) a database
// of the run's PostgreSQL cluster with the same face (tests/helpers/pg-database.ts).
import { readFile } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { createDatabase, pgliteLike } from './pg-database';

/** Whether this run's database is a real PostgreSQL (the `pg` vitest project). */
export const onPostgres = process.env.REGIONKARTAN_TEST_PG === '1';

/** A database with nothing in it yet (closing it drops it). */
export async function emptyDatabase(): Promise<PGlite> {
  return onPostgres ? pgliteLike(await createDatabase('template0')) : PGlite.create();
}

export async function freshDatabase(): Promise<PGlite> {
  if (onPostgres) return pgliteLike(await createDatabase('rk_migrated'));
  // The run's migrated database (tests/support/pglite-setup.ts), loaded: no initdb.
  const dump = await readFile(inject('pgliteMigrated'));
  return PGlite.create({ loadDataDir: new Blob([dump]) });
}

export type ApiRole = 'anon' | 'authenticated' | 'service_role';

/**
 * Runs fn in a transaction as `role` with `sub` as auth.uid(), exactly as
 * PostgREST does per request (SET LOCAL ROLE + request.jwt.claims).
 * The transaction is committed when fn resolves, rolled back when it throws.
 */
export async function asRole<T>(
  db: PGlite,
  role: ApiRole,
  sub: string | null,
  fn: (tx: Transaction) => Promise<T>
): Promise<T> {
  return db.transaction(async (tx) => {
    const claims = JSON.stringify(sub ? { role, sub } : { role });
    await tx.query(`select set_config('request.jwt.claims', $1, true)`, [claims]);
    await tx.exec(`set local role ${role}`);
    return fn(tx);
  });
}

/** Creates a user in auth.users (what sign-up does on the platform). */
export async function createUser(db: PGlite, email: string): Promise<string> {
  const res = await db.query<{ id: string }>(
    `insert into auth.users (email) values ($1) returning id`,
    [email]
  );
  return res.rows[0]!.id;
}

/** Who performs a request: an API role and, for signed-in users, their id (JWT sub). */
export interface Actor {
  role: ApiRole;
  sub: string | null;
}

/** The outcome of one statement run as an actor: rows and row count, or the error. */
export type Outcome =
  | { ok: true; rows: Record<string, unknown>[]; affected: number }
  | { ok: false; code: string; message: string };

/**
 * Runs one statement as `actor` (committed on success) and reports what happened
 * instead of throwing, so that allowed and denied requests can be compared.
 */
export async function attempt(
  db: PGlite,
  actor: Actor,
  sql: string,
  params: unknown[] = []
): Promise<Outcome> {
  try {
    const res = await asRole(db, actor.role, actor.sub, (tx) =>
      tx.query<Record<string, unknown>>(sql, params)
    );
    return { ok: true, rows: res.rows, affected: res.affectedRows ?? 0 };
  } catch (error) {
    const e = error as { code?: string; message?: string };
    if (!e.code) throw error;
    return { ok: false, code: e.code, message: e.message ?? '' };
  }
}

/** The SQLSTATE (and message) a statement fails with, or null when it succeeds. */
export async function sqlError(
  run: () => Promise<unknown>
): Promise<{ code: string; message: string; constraint?: string } | null> {
  try {
    await run();
    return null;
  } catch (error) {
    const e = error as { code?: string; message?: string; constraint?: string };
    if (!e.code) throw error;
    return { code: e.code, message: e.message ?? '', constraint: e.constraint };
  }
}
