// What only the embedded database (PGlite in a data directory) has: on loopback only
// everyone joins as editor (one machine: the presenter), a new join code at every start,
// a lock on the directory, and refusing a damaged directory untouched. In server mode the
// code is always needed (server-mode.pg.test.ts).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../../server/stack.js';
import { startProcess } from '../helpers/process';
import { startedDir, startTestStack, tempDir, type TestStack } from '../helpers/stack';

async function joinMap(url: string, body: unknown) {
  const res = await fetch(`${url}/auth/local/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body)
  });
  return { status: res.status, body: (await res.json()) as { role?: string; user_id?: string } };
}

async function joined(url: string, body: unknown) {
  const res = await joinMap(url, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('identity of the embedded stack', () => {
  it('a new start makes a new join code; the old one stops working', async () => {
    const dir = await startedDir();
    const first = await startStack({ dataDir: dir, port: 0, host: '0.0.0.0', buildDir: null });
    const oldCode = first.joinCode;
    const oldAdmin = first.adminToken;
    await first.close();
    const second = await startStack({ dataDir: dir, port: 0, host: '0.0.0.0', buildDir: null });
    try {
      expect(second.adminToken).toBe(oldAdmin); // the admin link stays valid
      if (second.joinCode !== oldCode) {
        const res = await joinMap(second.url, { display_name: 'Sen', join_code: oldCode });
        expect(res.status).toBe(403);
      }
      const ok = await joinMap(second.url, { display_name: 'Ny', join_code: second.joinCode });
      expect(ok.status).toBe(200);
      expect(ok.body.role).toBe('editor');
    } finally {
      await second.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('stack on loopback only (127.0.0.1)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('makes everyone joining an editor: the code is not needed on one machine', async () => {
    const res = await joined(stack.url, { display_name: 'Ensam presentatör' });
    expect(res.role).toBe('editor');
  });

  it("joins as viewer when asked (role: 'viewer'), even with a code", async () => {
    const res = await joined(stack.url, { display_name: 'Tittare', role: 'viewer' });
    expect(res.role).toBe('viewer');
    const withCode = await joined(stack.url, {
      display_name: 'Tittare 2',
      role: 'viewer',
      join_code: stack.joinCode
    });
    expect(withCode.role).toBe('viewer');
    const bad = await joinMap(stack.url, { display_name: 'X', role: 'admin' });
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as { error: { code: string } }).error.code).toBe('invalid_role');
  });

  it('still refuses a wrong code rather than ignoring it', async () => {
    const res = await joinMap(stack.url, { display_name: 'X', join_code: 'ZZZ-ZZZ' });
    expect(res.status).toBe(403);
  });

  it('records the membership with the new user as actor in the audit log', async () => {
    const res = await joined(stack.url, { display_name: 'Loggad' });
    const rows = await stack.sql(
      `select op, actor::text from changes where table_name = 'map_members' and row_id = $1 order by id`,
      [res.user_id]
    );
    expect(rows).toEqual([
      { op: 'insert', actor: res.user_id },
      { op: 'update', actor: res.user_id }
    ]);
  });
});

describe('the data directory', () => {
  it('refuses a corrupt data directory without touching or re-seeding it', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'pgdata'));
    await writeFile(join(dir, 'pgdata', 'garbage'), 'not a database');
    const proc = await startProcess(dir, {}, { waitReady: false });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain('kunde inte öppnas');
    expect(proc.output()).toContain('Flytta undan katalogen');
    expect(await readFile(join(dir, 'pgdata', 'garbage'), 'utf8')).toBe('not a database');
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a database whose control file is damaged, and keeps the damaged files', async () => {
    const dir = await startedDir();
    await writeFile(join(dir, 'pgdata', 'global', 'pg_control'), 'garbage');
    const proc = await startProcess(dir, {}, { waitReady: false });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain('kunde inte öppnas');
    expect(await readFile(join(dir, 'pgdata', 'global', 'pg_control'), 'utf8')).toBe('garbage');
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a data directory that another running stack holds', async () => {
    const dir = await startedDir();
    const first = await startProcess(dir);
    try {
      const second = await startProcess(dir, {}, { waitReady: false });
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain('används redan av en annan Regionkartan');
      expect(await fetch(`${first.url}/healthz`).then((r) => r.status)).toBe(200);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
