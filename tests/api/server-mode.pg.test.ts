// Server mode only (DATABASE_URL): two stack processes on one PostgreSQL serve the same
// map (as behind a load balancer), and the ways a server can refuse are explained.
import { writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/ports.js';
import { LiveClient } from '../helpers/live-client';
import { PASSWORD_USER, startCluster, type Cluster } from '../helpers/pg-cluster';
import { createDatabase } from '../helpers/pg-database';
import { startProcess, type StartedProcess } from '../helpers/process';
import { SEED_MAP_ID, startTestStack, tempDir, type TestStack } from '../helpers/stack';

type Session = { access_token: string; role: string | null; user_id: string };

async function post(url: string, path: string, body: unknown, token?: string) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {})
    },
    body: JSON.stringify(body)
  });
  return { status: res.status, body: (await res.json()) as Session };
}

async function joined(url: string, body: Record<string, unknown>): Promise<Session> {
  const res = await post(url, '/auth/local/join', body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** What start.js printed after a label, e.g. the join code. */
function printed(proc: StartedProcess, pattern: RegExp): string {
  const match = pattern.exec(proc.output());
  expect(match, proc.output()).not.toBeNull();
  return match![1]!;
}

describe('two stack processes on one PostgreSQL', () => {
  let dir: string;
  let databaseUrl: string;
  let a: StartedProcess;
  let b: StartedProcess;

  beforeAll(async () => {
    // An EMPTY database: both processes start at once and race for the setup.
    dir = await tempDir();
    databaseUrl = await createDatabase('template0');
    await writeFile(
      join(dir, 'server.json'),
      JSON.stringify({
        DATABASE_URL: databaseUrl,
        REGIONKARTAN_SECRET: 'x'.repeat(20) + 'y'.repeat(20)
      })
    );
    // Not on loopback only: joining as editor needs the code.
    [a, b] = await Promise.all([
      startProcess(dir, { HOST: '0.0.0.0' }),
      startProcess(dir, { HOST: '0.0.0.0' })
    ]);
  });
  afterAll(async () => {
    for (const proc of [a, b]) proc?.child.kill('SIGTERM');
    await Promise.all([a?.exited, b?.exited]);
    await rm(dir, { recursive: true, force: true });
  });

  it('set the database up once: each migration recorded once, the map seeded once', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const migrations = await client.query(
        `select count(*)::int as n, count(distinct name)::int as names from local_meta.schema_migrations`
      );
      expect(migrations.rows[0].n).toBeGreaterThan(0);
      expect(migrations.rows[0].n).toBe(migrations.rows[0].names);
      const seeded = await client.query(`select count(*)::int as n from local_meta.seeded`);
      expect(seeded.rows[0].n).toBe(1);
      const maps = await client.query(`select count(*)::int as n from public.maps`);
      expect(maps.rows[0].n).toBe(1);
    } finally {
      await client.end();
    }
  });

  it('print the same join code and admin link; both work on both', async () => {
    const code = printed(a, /join code to edit: (\S+)/);
    expect(printed(b, /join code to edit: (\S+)/)).toBe(code);
    const admin = printed(a, /ga-med\?admin=(\S+)/);
    expect(printed(b, /ga-med\?admin=(\S+)/)).toBe(admin);

    for (const proc of [a, b]) {
      const editor = await joined(proc.url, { display_name: 'Redaktör', join_code: code });
      expect(editor.role).toBe('editor');
      const boss = await joined(proc.url, {
        display_name: 'Admin',
        admin_token: decodeURIComponent(admin)
      });
      expect(boss.role).toBe('admin');
    }
    const wrong = await post(b.url, '/auth/local/join', {
      display_name: 'X',
      join_code: 'ZZZ-ZZZ'
    });
    expect(wrong.status).toBe(403);
  });

  it('accept each other’s tokens: a token from one refreshes and writes on the other', async () => {
    const code = printed(a, /join code to edit: (\S+)/);
    const session = await joined(a.url, { display_name: 'Från A', join_code: code });
    const refreshed = await post(b.url, '/auth/local/refresh', {}, session.access_token);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ user_id: session.user_id, role: 'editor' });
    const write = await fetch(`${b.url}/rest/v1/nodes`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${session.access_token}`,
        'content-type': 'application/json'
      },
      body: JSON.stringify({ map_id: SEED_MAP_ID, kind: 'project', title: 'Skrivet via B' })
    });
    expect(write.status).toBe(201);
  });

  it('an edit through one reaches a live client of the other', async () => {
    const code = printed(a, /join code to edit: (\S+)/);
    const writer = await joined(a.url, { display_name: 'Skribent', join_code: code });
    const reader = await joined(b.url, { display_name: 'Läsare', join_code: code });
    const live = await LiveClient.open(b.url, reader.access_token);
    try {
      expect(await live.subscribe(SEED_MAP_ID)).toMatchObject({ type: 'subscribed' });
      const res = await fetch(`${a.url}/rest/v1/nodes`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${writer.access_token}`,
          'content-type': 'application/json',
          Prefer: 'return=representation'
        },
        body: JSON.stringify({ map_id: SEED_MAP_ID, kind: 'project', title: 'Skrivet via A' })
      });
      expect(res.status).toBe(201);
      const [node] = (await res.json()) as [{ id: string }];
      const change = await live.waitFor(
        (m) => m.type === 'change' && (m.change as { row_id: string }).row_id === node.id
      );
      expect(change.change).toMatchObject({ table: 'nodes', op: 'insert', map_id: SEED_MAP_ID });
    } finally {
      live.close();
    }
  });
});

describe('a server-mode stack on loopback only (behind a proxy)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('still needs the join code to make an editor: behind a proxy, loopback is everyone', async () => {
    expect((await joined(stack.url, { display_name: 'Utan kod' })).role).toBe('viewer');
    const withCode = await joined(stack.url, {
      display_name: 'Med kod',
      join_code: stack.joinCode
    });
    expect(withCode.role).toBe('editor');
  });
});

describe('a start that cannot work is explained, exit 1, nothing applied', () => {
  /** Starts npm start's process with DATABASE_URL and waits for it to give up. */
  async function refused(databaseUrl: string, env: Record<string, string> = {}) {
    const dir = await tempDir();
    const proc = await startProcess(
      dir,
      { DATABASE_URL: databaseUrl, REGIONKARTAN_SECRET: 's'.repeat(40), ...env },
      { waitReady: false }
    );
    expect(await proc.exited).toBe(1);
    await rm(dir, { recursive: true, force: true });
    expect(proc.output()).not.toMatch(/\n\s+at /);
    return proc.output();
  }

  it('a URL that is not one', async () => {
    const out = await refused('inte-en-adress');
    expect(out).toContain('DATABASE_URL är ingen giltig PostgreSQL-adress');
    expect(out).toContain('is not a valid PostgreSQL URL');
  });

  it('a server that is down', async () => {
    const out = await refused(`postgres://postgres@127.0.0.1:${await freePort()}/regionkartan`);
    expect(out).toContain('PostgreSQL svarar inte');
    expect(out).toContain('does not answer');
  });

  it('a refused password, without showing it', async () => {
    const url = new URL(await createDatabase('template0'));
    url.username = PASSWORD_USER.name;
    url.password = 'fel-lösenord';
    const out = await refused(url.toString());
    expect(out).toContain('PostgreSQL nekade inloggningen');
    expect(out).toContain('PostgreSQL refused the login');
    expect(out).not.toContain('fel-lösenord');
  });

  it('a missing shared secret, before touching the database', async () => {
    const out = await refused(await createDatabase('template0'), { REGIONKARTAN_SECRET: '' });
    expect(out).toContain('REGIONKARTAN_SECRET saknas');
    expect(out).toContain('REGIONKARTAN_SECRET is missing');
  });

  describe('on a cluster without the API roles', () => {
    let cluster: Cluster;
    beforeAll(async () => {
      cluster = await startCluster();
    });
    afterAll(async () => {
      await cluster?.stop();
    });

    it('a user without the right to create roles: nothing is created', async () => {
      const admin = new pg.Client({ connectionString: cluster.url() });
      await admin.connect();
      try {
        await admin.query(`create role rk_plain login`);
        await admin.query(`create database rk_plain owner rk_plain`);
        const out = await refused(`postgres://rk_plain@127.0.0.1:${cluster.port}/rk_plain`);
        expect(out).toContain('får inte skapa roller');
        expect(out).toContain('may not create roles');
        const roles = await admin.query(
          `select count(*)::int as n from pg_roles where rolname in ('anon', 'authenticated', 'service_role', 'authenticator')`
        );
        expect(roles.rows[0].n).toBe(0);
        const inside = new pg.Client({ connectionString: cluster.url('rk_plain') });
        await inside.connect();
        const schemas = await inside.query(
          `select count(*)::int as n from pg_namespace where nspname in ('local_meta', 'auth')`
        );
        await inside.end();
        expect(schemas.rows[0].n).toBe(0);
      } finally {
        await admin.end();
      }
    });
  });
});
