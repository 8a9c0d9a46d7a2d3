// A throw-away PostgreSQL cluster (Debian's `postgresql` package) in a temporary
// directory on a free port, for the tests on a real PostgreSQL. PostgreSQL refuses to
// run as root: as root, initdb and the server run as the `postgres` user.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import { freePort } from '../../server/ports.js';

const run = promisify(execFile);

/** A user whose login needs a password (for the "refused password" test). */
export const PASSWORD_USER = { name: 'rk_password', password: 'rätt-lösenord' };

/** The newest installed PostgreSQL's bin directory (PG_BIN overrides), or null. */
export function postgresBin(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .map(Number)
    .filter((v) => v >= 15)
    .sort((a, b) => b - a);
  const bin = versions.length ? join(root, String(versions[0]), 'bin') : null;
  return bin && existsSync(join(bin, 'initdb')) ? bin : null;
}

/**
 * Ends the pool and waits until its connections are closed. `pool.end()` resolves
 * once it has asked them to close; a database dropped `with (force)` before they are
 * gone terminates them, and the pool re-emits that (57P01) as an uncaught error.
 */
export async function endPool(pool: pg.Pool): Promise<void> {
  let open = pool.totalCount;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on('remove', () => {
      open -= 1;
      if (open === 0) resolve();
    });
  });
  await pool.end();
  await closed;
}

export type Cluster = {
  /** postgres:// URL of a database as the superuser `postgres`. */
  url(database?: string): string;
  port: number;
  stop(): Promise<void>;
};

/** `durable`: fsync and synchronous commit as a production server (for load figures). */
export async function startCluster({ durable = false } = {}): Promise<Cluster> {
  const bin = postgresBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL 15+ is not installed (apt-get install postgresql, or set PG_BIN); .ci/run installs it'
    );
  }
  const asRoot = process.getuid?.() === 0;
  const as = async (file: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, file), ...args])
      : run(join(bin, file), args);

  const dir = await mkdtemp(join(tmpdir(), 'regionkartan-pg-'));
  if (asRoot) await chown(dir, ...(await ids('postgres')));
  const data = join(dir, 'data');
  const port = await freePort();
  await as('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C.UTF-8'
  ]);
  // The password user must give its password; everyone else is trusted (loopback only).
  const hba = join(data, 'pg_hba.conf');
  await writeFile(
    hba,
    `host all ${PASSWORD_USER.name} 127.0.0.1/32 scram-sha-256\n` +
      'local all all trust\nhost all all 127.0.0.1/32 trust\n'
  );
  await appendFile(
    join(data, 'postgresql.conf'),
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      'max_connections = 300',
      // A test cluster: losing it in a power cut costs nothing.
      ...(durable ? [] : ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off']),
      ''
    ].join('\n')
  );
  await as('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    url,
    port,
    async stop() {
      await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    }
  };
}

async function ids(user: string): Promise<[number, number]> {
  const { stdout } = await run('id', ['-u', user]);
  const { stdout: group } = await run('id', ['-g', user]);
  return [Number(stdout.trim()), Number(group.trim())];
}
