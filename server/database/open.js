// @ts-check
// Opens the persistent PGlite database in a data directory, one process at a
// time (a lock file), and turns the ways this can fail into clear messages.
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { StackError } from '../errors.js';

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/**
 * Takes the data directory's lock, or explains who holds it.
 * @param {string} dataDir
 * @returns {Promise<() => Promise<void>>} releases the lock
 */
async function lockDataDir(dataDir) {
  const lockFile = join(dataDir, 'stack.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new StackError(
          `Datakatalogen ${dataDir} används redan av en annan Regionkartan (process ${pid}). / The data directory is already in use by another Regionkartan (process ${pid}).`,
          `Stoppa den andra (Ctrl+C i dess terminal) eller välj en annan katalog med REGIONKARTAN_DATA_DIR. / Stop the other one or choose another directory with REGIONKARTAN_DATA_DIR.`
        );
      }
      await rm(lockFile, { force: true }); // left behind by a process that died
    }
  }
  throw new StackError(
    `Kunde inte låsa datakatalogen ${dataDir}. / Could not lock the data directory.`,
    'Kontrollera att katalogen är skrivbar. / Check that the directory is writable.'
  );
}

/**
 * @param {string} dataDir
 * @returns {Promise<{ db: PGlite, dataDir: string, isNew: boolean, close(): Promise<void> }>}
 */
export async function openDatabase(dataDir) {
  const dir = resolve(dataDir);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new StackError(
      `Kunde inte skapa datakatalogen ${dir}. / Could not create the data directory.`,
      'Välj en skrivbar katalog med REGIONKARTAN_DATA_DIR. / Choose a writable directory with REGIONKARTAN_DATA_DIR.',
      { cause: error }
    );
  }
  const release = await lockDataDir(dir);
  const pgdata = join(dir, 'pgdata');
  const isNew = !existsSync(pgdata);
  if (!isNew && !existsSync(join(pgdata, 'PG_VERSION'))) {
    await release();
    throw corrupt(dir, new Error('PG_VERSION is missing'));
  }

  /** @type {PGlite} */
  let db;
  try {
    db = await PGlite.create(pgdata);
    await db.query('select 1');
  } catch (error) {
    await release();
    throw corrupt(dir, error);
  }
  return {
    db,
    dataDir: dir,
    isNew,
    async close() {
      try {
        if (!db.closed) await db.close();
      } finally {
        await release();
      }
    }
  };
}

/**
 * @param {string} dir
 * @param {unknown} cause
 */
function corrupt(dir, cause) {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new StackError(
    `Databasen i ${dir} kunde inte öppnas (${detail}). Ingenting har ändrats. / The database could not be opened; nothing was changed.`,
    `Flytta undan katalogen (mv "${dir}" "${dir}.trasig") för att starta med en ny, seedad databas, eller återställ en säkerhetskopia. / Move the directory aside to start with a fresh seeded database, or restore a backup.`,
    { cause }
  );
}
