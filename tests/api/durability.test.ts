// `npm start`'s process: every acknowledged write survives kill -9, nothing is
// seeded twice, signals shut down cleanly, and start-up failures are explained. On
// PGlite and in server mode on PostgreSQL; what only a data directory can suffer is in
// local.pglite.test.ts, what only a server can in server-mode.pg.test.ts.
import { cp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../server/secrets.js';
import { startProcess } from '../helpers/process';
import { SEED_MAP_ID, startTestStack, tempDir } from '../helpers/stack';

/** A data directory as a first start leaves it (migrated, seeded), with an editor. */
let template: string;
let editorToken: string;

beforeAll(async () => {
  template = await tempDir();
  const stack = await startTestStack(template);
  const editor = await stack.user('editor', { mapId: SEED_MAP_ID, role: 'editor' });
  editorToken = await signToken(stack.jwtSecret, { role: 'authenticated', sub: editor }, '1h');
  await stack.stop();
});

afterAll(async () => {
  await rm(template, { recursive: true, force: true });
});

/** A test's own copy of the template: a stack that has run before (no migrations, no seed). */
async function startedBefore(): Promise<string> {
  const dir = await tempDir();
  await cp(template, dir, { recursive: true });
  return dir;
}

async function count(url: string, query: string): Promise<number> {
  const res = await fetch(`${url}/rest/v1/${query}`, {
    method: 'HEAD',
    headers: { Authorization: `Bearer ${editorToken}`, Prefer: 'count=exact' }
  });
  return Number(res.headers.get('content-range')?.split('/')[1]);
}

describe('durability of npm start', () => {
  it('keeps every acknowledged write after kill -9 and does not seed again', async () => {
    const dataDir = await startedBefore();
    const first = await startProcess(dataDir);
    const seededNodes = await count(
      first.url,
      `nodes?map_id=eq.${SEED_MAP_ID}&title=not.like.Skrivtest*`
    );
    expect(seededNodes).toBeGreaterThanOrEqual(40);

    // Four writers keep writing; once 40 writes are acknowledged the process is
    // killed, with more on their way.
    const acknowledged: string[] = [];
    let stop = false;
    let enough!: () => void;
    const reached = new Promise<void>((resolve) => (enough = resolve));
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const res = await fetch(`${first.url}/rest/v1/nodes`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${editorToken}`,
            'Content-Type': 'application/json',
            Prefer: 'return=representation'
          },
          body: JSON.stringify({
            map_id: SEED_MAP_ID,
            kind: 'resource',
            title: `Skrivtest ${w}-${i}`
          })
        }).catch(() => null);
        if (res?.status === 201) acknowledged.push(((await res.json()) as [{ id: string }])[0].id);
        else break;
        if (acknowledged.length >= 40) enough();
      }
    });
    await Promise.race([
      reached,
      Promise.all(writers).then(() => {
        throw new Error(`the writers stopped after ${acknowledged.length} writes`);
      })
    ]);
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await first.exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);

    const second = await startProcess(dataDir);
    try {
      const ids = new Set<string>();
      for (let i = 0; i < acknowledged.length; i += 100) {
        const chunk = acknowledged.slice(i, i + 100);
        const res = await fetch(
          `${second.url}/rest/v1/nodes?select=id&id=in.(${chunk.join(',')})`,
          {
            headers: { Authorization: `Bearer ${editorToken}` }
          }
        );
        for (const row of (await res.json()) as { id: string }[]) ids.add(row.id);
      }
      expect(ids.size).toBe(acknowledged.length);
      expect(
        await count(second.url, `nodes?map_id=eq.${SEED_MAP_ID}&title=not.like.Skrivtest*`)
      ).toBe(seededNodes);
      expect(await count(second.url, 'maps')).toBe(1);
      expect(second.output()).not.toContain('seedats');

      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(second.output()).toContain('All data är sparad');
    } finally {
      second.child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('explains a busy port instead of crashing', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const dir = await tempDir();
      const proc = await startProcess(dir, { PORT: String(port) }, { waitReady: false });
      expect(await proc.exited).toBe(1);
      expect(proc.output()).toContain(`Port ${port} används redan`);
      expect(proc.output()).toContain('PORT=');
      expect(proc.output()).not.toMatch(/\n\s+at /);
      await rm(dir, { recursive: true, force: true });
    } finally {
      blocker.close();
    }
  });

  it('explains a missing PostgREST binary', async () => {
    const dir = await startedBefore();
    const proc = await startProcess(
      dir,
      { POSTGREST_BIN: '/nonexistent/postgrest' },
      { waitReady: false }
    );
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain('POSTGREST_BIN pekar på /nonexistent/postgrest');
    expect(proc.output()).not.toMatch(/\n\s+at /);
    await rm(dir, { recursive: true, force: true });
  });
});
