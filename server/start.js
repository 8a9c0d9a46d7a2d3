#!/usr/bin/env node
// @ts-check
// `npm start`: the embedded local stack on one port, the SPA included.
import { reachableAddresses } from './addresses.js';
import { buildApp, needsBuild } from './build-if-needed.js';
import { StackError } from './errors.js';
import { defaultBuildDir, startStack } from './stack.js';

const log = (/** @type {string} */ line) => console.log(line);
const debug = process.env.DEBUG ? log : () => {};

/** @param {unknown} error */
function explain(error) {
  if (error instanceof StackError) {
    console.error(
      `\nRegionkartan kunde inte starta / could not start:\n  ${error.message}\n\nGör så här / What to do:\n  ${error.hint}\n`
    );
  } else {
    console.error(
      '\nRegionkartan kunde inte starta på grund av ett oväntat fel / unexpected error:'
    );
    console.error(error);
  }
  process.exitCode = 1;
}

async function main() {
  const started = Date.now();
  const port = Number(process.env.PORT ?? 5180);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new StackError(
      `PORT="${process.env.PORT}" är inte ett portnummer. / Not a port number.`,
      'Ange t.ex. PORT=5180.'
    );
  }
  const host = process.env.HOST ?? '0.0.0.0';
  const dataDir = process.env.REGIONKARTAN_DATA_DIR ?? '.regionkartan';
  // Server mode: an existing PostgreSQL instead of the embedded PGlite (docs/deploy.md).
  const databaseUrl = process.env.DATABASE_URL || null;
  const pool = Number(process.env.REGIONKARTAN_DB_POOL ?? 10);
  if (!Number.isInteger(pool) || pool < 1 || pool > 1000) {
    throw new StackError(
      `REGIONKARTAN_DB_POOL="${process.env.REGIONKARTAN_DB_POOL}" är inget antal anslutningar. / Not a number of connections.`,
      'Ange t.ex. REGIONKARTAN_DB_POOL=10 (standard). / Give e.g. 10 (the default).'
    );
  }

  // REGIONKARTAN_BUILD=skip serves whatever build exists (tests, API-only use).
  const buildDir = process.env.REGIONKARTAN_BUILD_DIR ?? defaultBuildDir;
  if (process.env.REGIONKARTAN_BUILD !== 'skip' && needsBuild(buildDir)) await buildApp(log);

  const stack = await startStack({
    dataDir,
    databaseUrl,
    pool,
    port,
    host,
    buildDir,
    log: (l) => (l.startsWith('postgrest') ? debug(l) : log(l))
  });
  const { local, lan } = reachableAddresses(host, stack.port);
  log(`\nRegionkartan är igång / is running (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  log(`  Lokalt / local:     ${local}`);
  for (const address of lan) log(`  Nätverk / network:  ${address}`);
  log(`  Data:               ${stack.where}`);
  if (stack.joinCode) {
    log(`  Kod för att redigera / join code to edit: ${stack.joinCode}`);
  }
  log(`  Din administratörslänk, dela den inte / your admin link, keep it to yourself:`);
  log(`    ${local}/ga-med?admin=${encodeURIComponent(stack.adminToken)}`);
  log('Stoppa med Ctrl+C. / Stop with Ctrl+C.\n');

  let stopping = false;
  const stop = async (/** @type {string} */ signal) => {
    if (stopping) {
      console.error('Avbryter direkt. / Forcing exit.');
      process.exit(1);
    }
    stopping = true;
    log(`\n${signal}: stänger Regionkartan … / shutting down …`);
    await stack.close();
    log('Stängd. All data är sparad. / Stopped; all data saved.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch(explain);
