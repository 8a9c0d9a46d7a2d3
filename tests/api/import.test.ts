// Import through the real stack: supabase-js → PostgREST → import_items, or for
// a large plan its parts sent to import_parts and written by import_staged. The
// seeded map's backup restored into an empty map (sent in parts) gives the same
// data; a plan with one bad relation writes nothing and leaves no parts behind;
// viewers and anon are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMap } from '$lib/data/repository';
import type { DataClient } from '$lib/data/client';
import { planSize } from '$lib/inventory/import-flow.svelte';
import { applyImport } from '$lib/io/apply';
import { backupJson } from '$lib/io/json-backup';
import { readImport } from '$lib/io/import';
import { buildImportPlan, type ImportPlan } from '$lib/io/plan';
import { normalise } from '../unit/fixtures/io-dataset';
import { startTestStack, SEED_MAP_ID, type TestStack } from '../helpers/stack';

let stack: TestStack;
let targetMapId: string;
const users: Record<'viewer' | 'editor' | 'admin', string> = { viewer: '', editor: '', admin: '' };

beforeAll(async () => {
  stack = await startTestStack();
  const [row] = await stack.sql<{ id: string }>(
    `insert into maps (title, visibility) values ('Tom karta', 'private') returning id`
  );
  targetMapId = row!.id;
  for (const role of ['viewer', 'editor', 'admin'] as const) {
    users[role] = await stack.user(role, { mapId: targetMapId, role });
  }
});

afterAll(async () => {
  await stack?.stop();
});

const client = (who?: keyof typeof users) =>
  stack.client(who ? users[who] : undefined) as Promise<DataClient>;

async function counts(mapId: string) {
  const [row] = await stack.sql<Record<string, number>>(
    `select (select count(*)::int from nodes where map_id = $1) as nodes,
            (select count(*)::int from relations where map_id = $1) as relations,
            (select count(*)::int from themes where map_id = $1) as themes,
            (select count(*)::int from indicators where map_id = $1) as indicators,
            (select count(*)::int from import_parts where map_id = $1) as parts,
            (select title from maps where id = $1) as title`,
    [mapId]
  );
  return row!;
}

async function backupPlan(mapId: string, restoreMap: boolean): Promise<ImportPlan> {
  const anon = await client();
  const source = await loadMap(anon, SEED_MAP_ID);
  const target = await loadMap(await client('admin'), mapId);
  const parsed = await readImport(
    [{ name: 'kopia.json', bytes: new TextEncoder().encode(backupJson(source)) }],
    target
  );
  return buildImportPlan(target, parsed, { restoreMap });
}

describe('import through PostgREST', () => {
  it('viewer and anon are refused and nothing is written', async () => {
    const plan = await backupPlan(targetMapId, false);
    const before = await counts(targetMapId);
    for (const partItems of [undefined, 100]) {
      const viewer = await applyImport(await client('viewer'), targetMapId, plan, undefined, {
        partItems
      });
      expect(viewer).toMatchObject({ ok: false, messageKey: 'io.apply.permission' });
      const anon = await applyImport(await client(), targetMapId, plan, undefined, { partItems });
      expect(anon).toMatchObject({ ok: false, messageKey: 'io.apply.permission' });
    }
    expect(await counts(targetMapId)).toEqual(before);
  });

  it('a plan with one relation to a node that does not exist writes nothing', async () => {
    const plan = await backupPlan(targetMapId, false);
    expect(plan.blocked).toBe(false);
    const broken: ImportPlan = {
      ...plan,
      payload: {
        ...plan.payload,
        relations: [
          ...plan.payload.relations,
          { ...plan.payload.relations[0]!, source_id: undefined, source_key: 'n-does-not-exist' }
        ]
      }
    };
    const before = await counts(targetMapId);
    const result = await applyImport(await client('editor'), targetMapId, broken);
    expect(result).toMatchObject({ ok: false, messageKey: 'io.apply.reference' });
    expect(await counts(targetMapId)).toEqual(before);
    // The same in parts: the bad relation is in the last part; nothing is written
    // and the parts sent are removed again.
    const staged = await applyImport(await client('editor'), targetMapId, broken, undefined, {
      partItems: 100
    });
    expect(staged).toMatchObject({ ok: false, messageKey: 'io.apply.reference' });
    expect(await counts(targetMapId)).toEqual(before);
  });

  it('restores the seeded map into the empty map exactly, sent in parts (an admin, with the title)', async () => {
    const plan = await backupPlan(targetMapId, true);
    const rows = planSize(plan);
    const parts = Math.ceil(rows / 100);
    expect(parts).toBeGreaterThan(2);
    const progress: string[] = [];
    const result = await applyImport(
      await client('admin'),
      targetMapId,
      plan,
      (p) => progress.push(p.phase === 'writing' ? `writing ${p.rows}` : `${p.phase} ${p.done}`),
      { partItems: 100 }
    );
    expect(result.ok).toBe(true);
    expect(progress).toEqual([
      ...Array.from({ length: parts + 1 }, (_, i) => `sending ${i}`),
      `writing ${rows}`
    ]);
    expect((await counts(targetMapId)).parts).toBe(0);
    const source = await loadMap(await client(), SEED_MAP_ID);
    const restored = await loadMap(await client('admin'), targetMapId);
    if (result.ok) {
      expect(result.result).toMatchObject({
        nodes: source.nodes.length,
        relations: source.relations.length,
        themes: source.themes.length,
        indicators: source.indicators.length
      });
    }
    expect(normalise(restored)).toEqual(normalise(source));
    // Each restored row is the importer's, freshly stamped.
    expect(new Set(restored.nodes.map((n) => n.created_by))).toEqual(new Set([users.admin]));
    expect(restored.nodes.every((n) => n.version === 1)).toBe(true);
  });

  it('the same backup again adds nothing (everything matches)', async () => {
    const plan = await backupPlan(targetMapId, false);
    expect(plan.summary).toMatchObject({
      nodesNew: 0,
      relationsNew: 0,
      themesNew: 0,
      indicatorsNew: 0
    });
    const before = await counts(targetMapId);
    const result = await applyImport(await client('editor'), targetMapId, plan);
    expect(result).toMatchObject({ ok: true, result: { nodes: 0, relations: 0, updated: 0 } });
    expect(await counts(targetMapId)).toEqual(before);
  });
});
