// Fresh maps for the e2e tests: each is a copy of the seeded map (its themes,
// nodes, relations, indicators and graph positions) written through PostgREST into a new public
// map by its creator, who drops it afterwards, so no test sees another's changes
// and the seeded map stays as seeded. A copy's node and relation ids are derived
// from the seeded ids and the test's name: the same in every run, so whatever
// depends on them (a node's slot on the map is a hash of its id) is the same too.
// People are joined once per worker (the identity endpoint is rate limited) and
// made members of each fresh map by its admin.
import { createHash } from 'node:crypto';
import type { Session } from '../../src/lib/data/identity';

/** The map seeded by supabase/seed.sql (the home page always shows it). */
export const SEED_MAP_ID = '00000000-0000-4000-8000-000000000001';

export type Role = 'viewer' | 'participant' | 'editor' | 'admin';

/** A person known to the stack: joined once, a member of each map they are added to. */
export interface Account {
  userId: string;
  token: string;
  name: string;
}

export interface TestMap {
  readonly id: string;
  /** This map's id of a node or relation of the seeded map (same data, other ids). */
  idOf(seedId: string): string;
  /** An address of the app on this map: url('/utforska', 'vy=map') → '/utforska?karta=…&vy=map'. */
  url(path: string, query?: string): string;
  /** Headers for PostgREST as `token` (anon without one). */
  headers(token?: string): Record<string, string>;
  /** The session LocalIdentity keeps for `account` as a member of this map. */
  session(account: Account, role: Role): Session;
}

type Row = Record<string, unknown>;

/** The seeded map's rows, as a backup has them (without ids, versions and stamps). */
interface SeedRows {
  map: Row;
  themes: Row[];
  nodes: Row[];
  relations: Row[];
  indicators: Row[];
  positions: Row[];
}

const COLUMNS = {
  map: 'title,description,source',
  themes: 'key,label_sv,label_en,description,color,sort_order,source',
  nodes:
    'id,kind,title,description,url,municipality_code,lon,lat,themes,status,start_date,end_date,contact,source',
  relations: 'id,source_id,target_id,kind,magnitude,unit,year,score,themes,note,source',
  indicators: 'municipality_code,key,label_sv,label_en,unit,year,value,source',
  positions: 'id,x,y'
};

async function json<T>(response: Response): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.status} ${response.url}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** A UUID (v5 layout) from a name: the same name always gives the same id. */
function derivedId(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Creates, lends and drops fresh maps for one worker; joins each person once. */
export class MapMaker {
  #accounts = new Map<string, Promise<Account>>();
  #seed: Promise<SeedRows> | null = null;
  #made = new Set<string>();
  #retired: string[] = [];

  private constructor(
    readonly baseURL: string,
    readonly anonKey: string,
    /** The maps' creator: their admin. */
    readonly owner: Account
  ) {}

  static async start(baseURL: string): Promise<MapMaker> {
    const { anonKey } = await json<{ anonKey: string }>(await fetch(`${baseURL}/config.json`));
    const owner = await join(baseURL, 'E2E kartägare');
    return new MapMaker(baseURL, anonKey, owner);
  }

  /** A person with this display name (the same one for the whole worker). */
  account(name: string): Promise<Account> {
    let account = this.#accounts.get(name);
    if (!account) {
      account = join(this.baseURL, name);
      this.#accounts.set(name, account);
    }
    return account;
  }

  headers(token?: string): Record<string, string> {
    return {
      apikey: this.anonKey,
      authorization: `Bearer ${token ?? this.anonKey}`,
      'content-type': 'application/json'
    };
  }

  async #rest<T>(method: string, path: string, body?: unknown, prefer?: string): Promise<T> {
    return json<T>(
      await fetch(`${this.baseURL}/rest/v1/${path}`, {
        method,
        headers: { ...this.headers(this.owner.token), ...(prefer ? { prefer } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body)
      })
    );
  }

  /** The seeded map's rows, read once per worker. */
  #seedRows(): Promise<SeedRows> {
    this.#seed ??= (async () => {
      const read = (table: string, columns: string, filter: string) =>
        this.#rest<Row[]>('GET', `${table}?select=${columns}&${filter}`);
      const live = `map_id=eq.${SEED_MAP_ID}&deleted_at=is.null`;
      const [[map], themes, nodes, relations, indicators, positions] = await Promise.all([
        read('maps', COLUMNS.map, `id=eq.${SEED_MAP_ID}`),
        read('themes', COLUMNS.themes, live),
        read('nodes', COLUMNS.nodes, live),
        read('relations', COLUMNS.relations, live),
        read('indicators', COLUMNS.indicators, live),
        read('node_positions', COLUMNS.positions, `map_id=eq.${SEED_MAP_ID}`)
      ]);
      return { map: map!, themes, nodes, relations, indicators, positions };
    })();
    return this.#seed;
  }

  /**
   * A new public map holding a copy of the seeded map; `name` (the test's) makes
   * its ids: one name, one copy at a time.
   */
  async create(name: string): Promise<TestMap> {
    for (const id of this.#retired.splice(0)) await this.drop(id);
    const seed = await this.#seedRows();
    const idOf = (seedId: string) => derivedId(`${name}\u0000${seedId}`);
    const [{ id }] = await this.#rest<[{ id: string }]>(
      'POST',
      'maps?select=id',
      { ...seed.map, visibility: 'public' },
      'return=representation'
    );
    this.#made.add(id);
    const onMap = (rows: Row[]) => rows.map((row) => ({ ...row, map_id: id }));
    await this.#rest('POST', 'themes', onMap(seed.themes));
    await this.#rest(
      'POST',
      'nodes',
      onMap(seed.nodes.map((n) => ({ ...n, id: idOf(n.id as string) })))
    );
    await this.#rest(
      'POST',
      'relations',
      onMap(
        seed.relations.map((r) => ({
          ...r,
          id: idOf(r.id as string),
          source_id: idOf(r.source_id as string),
          target_id: idOf(r.target_id as string)
        }))
      )
    );
    await this.#rest('POST', 'indicators', onMap(seed.indicators));
    await this.#rest(
      'POST',
      'node_positions',
      onMap(seed.positions.map((p) => ({ ...p, id: idOf(p.id as string) })))
    );
    return this.#testMap(id, idOf);
  }

  #testMap(id: string, idOf: (seedId: string) => string): TestMap {
    return {
      id,
      idOf,
      url: (path, query) => `${path}?karta=${id}${query ? `&${query}` : ''}`,
      headers: (token) => this.headers(token),
      session: (account, role) => ({
        accessToken: account.token,
        userId: account.userId,
        role,
        mapId: id,
        profile: { display_name: account.name },
        expiresAt: Date.now() + 11 * 3600 * 1000
      })
    };
  }

  /** Adds rows to one of the map's tables (as its admin), a thousand per request. */
  async insert(map: TestMap, table: string, rows: Row[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000) {
      await this.#rest(
        'POST',
        table,
        rows.slice(i, i + 1000).map((row) => ({ ...row, map_id: map.id }))
      );
    }
  }

  /** Makes the person a member of the map with this role (as its admin). */
  async addMember(map: TestMap, account: Account, role: Role): Promise<void> {
    await this.#rest(
      'POST',
      'map_members?on_conflict=map_id,user_id',
      { map_id: map.id, user_id: account.userId, role },
      'resolution=merge-duplicates'
    );
  }

  /** Marks a map done with; it is dropped before the next one is made. */
  retire(mapId: string): void {
    this.#retired.push(mapId);
  }

  /** Deletes the map with everything on it (its admin may). */
  async drop(mapId: string): Promise<void> {
    await this.#rest('DELETE', `maps?id=eq.${mapId}`);
    this.#made.delete(mapId);
  }

  /** Drops whatever is left (a test that failed before its clean-up). */
  async dropAll(): Promise<void> {
    this.#retired = [];
    for (const id of [...this.#made]) await this.drop(id);
  }
}

/** Joins the seeded map to look only: an account whose token works on any map it is added to. */
async function join(baseURL: string, name: string): Promise<Account> {
  const joined = await json<{ access_token: string; user_id: string }>(
    await fetch(`${baseURL}/auth/local/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ display_name: name, map_id: SEED_MAP_ID, role: 'viewer' })
    })
  );
  return { userId: joined.user_id, token: joined.access_token, name };
}
