// The inventory's session is the app's session seen for one map (no identity or
// client of its own), and saves in the inventory and the live echo of the same
// change agree on the newest version.
import { describe, expect, it, vi } from 'vitest';
import type { DataClient } from '$lib/data/client';
import type { RuntimeConfig } from '$lib/data/config';
import type { Identity, Session } from '$lib/data/identity';
import { applyRows } from '$lib/data/sync';
import type { SaveResult } from '$lib/data/versioned';
import type { EditRow } from '$lib/data/edit-repo';
import { EditorSession } from '$lib/inventory/editor-session.svelte';
import { SessionState } from '$lib/state/session.svelte';
import { inventoryPage } from './edit-server';
import { makeDataset, makeNode } from './factories';

const MAP = '00000000-0000-4000-8000-000000000001';
const config: RuntimeConfig = { mode: 'local', supabaseUrl: 'http://x', anonKey: 'anon' };

function session(overrides: Partial<Session> = {}): Session {
  return {
    accessToken: 'tok',
    userId: 'u1',
    role: 'editor',
    mapId: MAP,
    profile: { display_name: 'Anna' },
    expiresAt: Date.now() + 3_600_000,
    ...overrides
  };
}

/** An app session over a fake identity and a client that answers profile look-ups. */
function app(stored: Session | null = null) {
  let current = stored;
  const listeners: ((s: Session | null) => void)[] = [];
  const identity: Identity = {
    current: () => current,
    join: vi.fn(async (profile, codes) => {
      current = session({ profile, mapId: codes?.map_id ?? null });
      return current;
    }),
    signOut: async () => void (current = null),
    onChange: (cb) => (listeners.push(cb), () => {}),
    accessToken: async () => current?.accessToken ?? null
  };
  const lookups: string[][] = [];
  const client = {
    from: (table: string) => ({
      select: () => ({
        in: async (_column: string, ids: string[]) => {
          lookups.push(ids);
          expect(table).toBe('profiles');
          return { data: ids.map((id) => ({ id, display_name: `Namn ${id}` })) };
        }
      })
    })
  } as unknown as DataClient;
  const createIdentity = vi.fn(() => identity);
  const createClient = vi.fn(() => client);
  const state = new SessionState({ loadConfig: async () => config, createIdentity, createClient });
  const emit = (s: Session | null) => listeners.forEach((cb) => cb(s));
  return { state, identity, client, lookups, createIdentity, createClient, emit };
}

describe('EditorSession over the app session', () => {
  it('is read-only until the app session has loaded, then follows its role on this map', async () => {
    const a = app(session({ role: 'viewer' }));
    const editor = new EditorSession(MAP, a.state);
    expect(editor.mode).toBeNull();
    expect(editor.client).toBeNull();
    expect(editor.canEdit).toBe(false);

    await a.state.init();
    expect(editor.mode).toBe('local');
    expect(editor.client).toBe(a.client);
    expect(editor.session?.role).toBe('viewer');
    expect(editor.userId).toBe('u1');
    expect(editor.canEdit).toBe(false);

    a.emit(session({ role: 'admin' }));
    expect(editor.canEdit).toBe(true);
    a.emit(session({ mapId: '00000000-0000-4000-8000-000000000002' }));
    expect(editor.canEdit).toBe(false);
    a.emit(null);
    expect(editor.session).toBeNull();
    expect(editor.userId).toBeNull();
  });

  it('joins through the app session (one identity and one client for every page)', async () => {
    const a = app();
    const inventory = new EditorSession(MAP, a.state);
    const other = new EditorSession(MAP, a.state);
    await inventory.join('Berit');
    expect(a.identity.join).toHaveBeenCalledWith({ display_name: 'Berit' }, { map_id: MAP });
    expect(inventory.canEdit).toBe(true);
    // The same session is seen elsewhere in the app at once, without a second identity.
    expect(other.canEdit).toBe(true);
    expect(a.state.canEdit(MAP)).toBe(true);
    expect(other.session?.profile.display_name).toBe('Berit');
    await inventory.loadNames([]);
    await other.loadNames([]);
    expect(a.createIdentity).toHaveBeenCalledTimes(1);
    expect(a.createClient).toHaveBeenCalledTimes(1);
  });

  it('looks up the names of verifiers once, with the own name known without asking', async () => {
    const a = app(session());
    const editor = new EditorSession(MAP, a.state);
    await editor.loadNames(['u2']);
    expect(a.lookups).toEqual([]); // no client yet: nothing asked
    await a.state.init();
    await editor.loadNames(['u1', 'u2', 'u2', 'u3']);
    await editor.loadNames(['u2', 'u3']);
    expect(a.lookups).toEqual([['u2', 'u3']]);
    expect(editor.names.get('u1')).toBe('Anna');
    expect(editor.names.get('u3')).toBe('Namn u3');
  });
});

describe('inventory saves and the live echo', () => {
  it('a save that returns after a newer live version keeps the newer one', async () => {
    const node = makeNode({ title: 'A', version: 1 });
    const s = inventoryPage(makeDataset({ nodes: [node] }));
    let answer: (r: SaveResult<EditRow>) => void = () => {};
    vi.mocked(s.server.repo.update).mockImplementationOnce(
      () => new Promise((resolve) => (answer = resolve))
    );
    const saving = s.saves.saveNode(node, { id: node.id, title: 'Mitt' });
    const mine = { ...node, title: 'Mitt', version: 2 };
    // My change, then someone else's on top of it, arrive live before my save returns.
    const theirs = { ...mine, status: 'ended' as const, version: 3 };
    s.setDataset(applyRows(s.dataset, [{ table: 'nodes', id: node.id, row: theirs }]));
    answer({ ok: true, row: mine });
    expect(await saving).toBe(true);
    expect(s.dataset.nodes[0]).toEqual(theirs);
  });

  it('the live echo of a saved change leaves the saved row in place; an older echo is ignored', async () => {
    const node = makeNode({ title: 'A', version: 4 });
    const s = inventoryPage(makeDataset({ nodes: [node] }));
    await s.saves.saveNode(node, { id: node.id, title: 'B' });
    expect(s.dataset.nodes[0]).toMatchObject({ title: 'B', version: 5 });
    const late = applyRows(s.dataset, [{ table: 'nodes', id: node.id, row: node }]);
    expect(late).toBe(s.dataset);
    const echo = applyRows(s.dataset, [
      { table: 'nodes', id: node.id, row: { ...node, title: 'B', version: 5 } }
    ]);
    expect(echo.nodes[0]).toMatchObject({ title: 'B', version: 5 });
  });
});
