// Vitest globalSetup of the `pg` project: ONE throw-away PostgreSQL cluster for the whole
// run, with two migrated template databases (without and with the seed) that every test
// file copies (CREATE DATABASE … TEMPLATE: fast), stopped at the end.
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { poolDatabase } from '../../server/database/postgres.js';
import { applyBootstrap, applyMigrations } from '../../server/database/migrate.js';
import { seedIfNeeded } from '../../server/database/seed.js';
import { PASSWORD_USER, endPool, startCluster } from '../helpers/pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cluster's `postgres` database as the superuser. */
    pgAdminUrl: string;
  }
}

/** @param {string} url */
async function onDatabase(
  url: string,
  fn: (db: ReturnType<typeof poolDatabase>) => Promise<unknown>
) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await fn(poolDatabase(pool));
  } finally {
    await endPool(pool);
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const cluster = await startCluster();
  try {
    await onDatabase(cluster.url(), async (db) => {
      await db.exec(`create database rk_migrated`);
      await db.exec(`create role ${PASSWORD_USER.name} login password '${PASSWORD_USER.password}'`);
    });
    await onDatabase(cluster.url('rk_migrated'), async (db) => {
      await applyBootstrap(db);
      await applyMigrations(db);
    });
    await onDatabase(cluster.url(), (db) =>
      db.exec(`create database rk_seeded template rk_migrated`)
    );
    await onDatabase(cluster.url('rk_seeded'), (db) => seedIfNeeded(db));
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  project.provide('pgAdminUrl', cluster.url());
  console.log(
    `PostgreSQL: cluster on port ${cluster.port}, templates ready in ${((Date.now() - started) / 1000).toFixed(1)} s`
  );
  return () => cluster.stop();
}
