import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { people, remoteSelections } from '$lib/collab/presence';
import type { DataClient } from '$lib/data/client';
import type { LiveChannel, LiveStatus, PresenceMember } from '$lib/data/live';
import type { FetchedRow, LiveChange } from '$lib/data/sync';
import type { Dataset } from '$lib/domain/model';
import { LiveSync } from '$lib/state/live-sync.svelte';
import { makeDataset, makeNode } from './factories';

/** A channel driven by the test. */
function fakeChannel() {
  const cbs = {
    status: [] as ((s: LiveStatus) => void)[],
    change: [] as ((c: LiveChange) => void)[],
    presence: [] as ((m: PresenceMember[]) => void)[]
  };
  const calls: string[] = [];
  const channel: LiveChannel = {
    connect: (mapId, since) => void calls.push(`connect ${mapId} ${since ?? ''}`),
    onChange: (cb) => (cbs.change.push(cb), () => {}),
    onPresence: (cb) => (cbs.presence.push(cb), () => {}),
    onStatus: (cb) => (cbs.status.push(cb), () => {}),
    onResync: () => () => {},
    onError: () => () => {},
    setPresence: (state) => void calls.push(`presence ${JSON.stringify(state)}`),
    onPresenter: () => () => {},
    present: () => {},
    status: 'closed',
    lastChangeId: 7,
    clientId: null,
    close: () => void calls.push('close')
  };
  return {
    channel,
    calls,
    status: (s: LiveStatus) => cbs.status.forEach((cb) => cb(s)),
    change: (c: LiveChange) => cbs.change.forEach((cb) => cb(c)),
    presence: (m: PresenceMember[]) => cbs.presence.forEach((cb) => cb(m))
  };
}

const MAP = '00000000-0000-4000-8000-000000000001';

describe('LiveSync', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const fake = fakeChannel();
    const newNode = makeNode({ title: 'Ny' });
    let dataset: Dataset | null = null;
    const fetchRows = vi.fn(
      async (_c: DataClient, wanted: Record<string, string[]>): Promise<FetchedRow[]> =>
        (wanted.nodes ?? []).map((id) => ({ table: 'nodes', id, row: { ...newNode, id } }))
    );
    const sync = new LiveSync({
      channel: fake.channel,
      client: () => ({}) as DataClient,
      fetchRows,
      dataset: () => dataset,
      setDataset: (d) => (dataset = d),
      myUserId: () => 'me'
    });
    const load = vi.fn(async () => void (dataset = makeDataset()));
    return {
      fake,
      sync,
      load,
      fetchRows,
      get dataset() {
        return dataset;
      }
    };
  }

  it('connects first and loads once the channel is open', async () => {
    const s = setup();
    s.sync.start(MAP, s.load);
    expect(s.fake.calls).toEqual([`connect ${MAP} `]);
    expect(s.load).not.toHaveBeenCalled();
    s.fake.status('open');
    expect(s.load).toHaveBeenCalledTimes(1);
    s.fake.status('open');
    expect(s.load).toHaveBeenCalledTimes(1);
  });

  it('loads anyway when the channel does not open in time', async () => {
    const s = setup();
    s.sync.start(MAP, s.load);
    await vi.advanceTimersByTimeAsync(3000);
    expect(s.load).toHaveBeenCalledTimes(1);
  });

  it('applies changes that arrived during the load after it, fetched in one batch', async () => {
    const s = setup();
    s.sync.start(MAP, s.load);
    s.fake.status('open');
    s.fake.change({ id: 8, map_id: MAP, table: 'nodes', row_id: 'n-1', op: 'insert' });
    s.fake.change({ id: 9, map_id: MAP, table: 'nodes', row_id: 'n-2', op: 'insert' });
    await vi.advanceTimersByTimeAsync(50);
    expect(s.fetchRows).toHaveBeenCalledTimes(1);
    expect(s.dataset!.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['n-1', 'n-2']));
  });

  it('loads the map again instead of fetching row by row after a burst (an import)', async () => {
    const s = setup();
    const reload = vi.fn();
    s.sync.onResync(reload);
    s.sync.start(MAP, s.load);
    s.fake.status('open');
    for (let i = 0; i < 501; i++) {
      s.fake.change({ id: 10 + i, map_id: MAP, table: 'nodes', row_id: `n-${i}`, op: 'insert' });
    }
    await vi.advanceTimersByTimeAsync(50);
    expect(s.fetchRows).not.toHaveBeenCalled();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('reports a drop at once and a reconnect once', async () => {
    const s = setup();
    const reconnected = vi.fn();
    s.sync.onReconnect(reconnected);
    s.sync.start(MAP, s.load);
    expect(s.sync.dropped).toBe(false); // never connected yet: not a drop
    s.fake.status('open');
    s.fake.status('closed');
    expect(s.sync.dropped).toBe(true);
    s.fake.status('connecting');
    s.fake.status('open');
    expect(s.sync.dropped).toBe(false);
    expect(reconnected).toHaveBeenCalledTimes(1);
    s.sync.setOnline(false);
    expect(s.sync.dropped).toBe(true);
    s.sync.setOnline(true);
    expect(s.fake.calls.slice(-2)).toEqual(['close', `connect ${MAP} 7`]);
  });
});

describe('presence', () => {
  const member = (
    id: string,
    user: string | null,
    name: string,
    selection: unknown
  ): PresenceMember => ({
    client_id: id,
    user_id: user,
    display_name: name,
    role: 'editor',
    selection
  });

  it('lists me first, checks selections and gives the others’ markers', () => {
    const list = people(
      [
        member('c3', 'u3', 'Örjan', { type: 'node', id: 'n1' }),
        member('c1', 'u1', 'Bea', { type: 'evil', id: 'x' }),
        member('c2', 'me', 'Jag', { type: 'node', id: 'n2' })
      ],
      'me'
    );
    expect(list.map((p) => p.name)).toEqual(['Jag', 'Bea', 'Örjan']);
    expect(list[1]!.selection).toBeNull();
    expect(remoteSelections(list)).toEqual([
      { name: 'Örjan', selection: { type: 'node', id: 'n1' } }
    ]);
  });

  it('knows an anonymous visitor by this connection, so their own selection is not shown as another’s', () => {
    const members = [
      member('c1', null, 'Anonym', { type: 'node', id: 'n1' }),
      member('c2', null, 'Anonym', { type: 'node', id: 'n2' })
    ];
    const list = people(members, null, 'c2');
    expect(list.map((p) => [p.clientId, p.me])).toEqual([
      ['c2', true],
      ['c1', false]
    ]);
    expect(remoteSelections(list)).toEqual([
      { name: 'Anonym', selection: { type: 'node', id: 'n1' } }
    ]);
  });
});
