// Vitest globalSetup of the `node` project: what every db and api test file would
// otherwise make for itself, made once per run. PGlite's first start (initdb in WASM)
// costs seconds; loading a data directory costs one.
//   pgliteMigrated  a dump of an in-memory database with the bootstrap and every
//                   migration applied (freshDatabase loads it)
//   stackStarted    a data directory as `npm start`'s first start leaves it (migrated,
//                   seeded), without its secrets (startTestStack copies it; each copy
//                   makes secrets of its own, as a first start does)
// What only a first start does is still tested from an empty directory
// (tests/db/migrations.test.ts, tests/api/local.pglite.test.ts, durability's template).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { applyBootstrap, applyMigrations } from '../../server/database/migrate.js';
import { startStack } from '../../server/stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteMigrated: string;
    stackStarted: string;
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'regionkartan-templates-'));
  try {
    const db = await PGlite.create();
    await applyBootstrap(db);
    await applyMigrations(db);
    const dump = await db.dumpDataDir('none');
    await db.close();
    const migrated = join(dir, 'migrated.tar');
    await writeFile(migrated, Buffer.from(await dump.arrayBuffer()));

    const stackDir = join(dir, 'started');
    const stack = await startStack({
      dataDir: stackDir,
      port: 0,
      host: '127.0.0.1',
      buildDir: null,
      log: () => {}
    });
    await stack.close();
    for (const secret of ['secrets.json', 'identity.json']) await rm(join(stackDir, secret));

    project.provide('pgliteMigrated', migrated);
    project.provide('stackStarted', stackDir);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  console.log(`PGlite: templates ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return () => rm(dir, { recursive: true, force: true });
}
