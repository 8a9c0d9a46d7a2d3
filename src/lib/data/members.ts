// A map's members and their presenting rights, through supabase-js (RLS applies:
// members see the map's members; only its admins change a membership). Names come
// from the profiles the database lets a member read (people sharing a map). Every
// failure is a DataError.
import { MAP_ROLES, type MapRole } from '$lib/wire/identity.js';
import type { DataClient } from './client';
import { toDataError, unwrap } from './errors';

export interface Member {
  userId: string;
  role: MapRole;
  /** An editor given presenting rights by an admin (admins always have them). */
  mayPresent: boolean;
  /** The profile's display name; null if the profile cannot be read. */
  name: string | null;
}

/** The map's members, admins first, then by name. */
export async function listMembers(client: DataClient, mapId: string): Promise<Member[]> {
  const rows = unwrap(
    await client
      .from('map_members')
      .select('user_id, role, may_present')
      .eq('map_id', mapId)
      .order('created_at')
  );
  const ids = rows.map((r) => r.user_id);
  const profiles = ids.length
    ? unwrap(await client.from('profiles').select('id, display_name').in('id', ids))
    : [];
  const names = new Map(profiles.map((p) => [p.id, p.display_name]));
  // MAP_ROLES is lowest first; admins come first here.
  const rank = (role: string) => -MAP_ROLES.indexOf(role as MapRole);
  return rows
    .map((r) => ({
      userId: r.user_id,
      role: r.role as MapRole,
      mayPresent: r.may_present,
      name: names.get(r.user_id) ?? null
    }))
    .sort(
      (a, b) => rank(a.role) - rank(b.role) || (a.name ?? '').localeCompare(b.name ?? '', 'sv')
    );
}

/** Gives or takes an editor's presenting rights (admins only; RLS refuses others). */
export async function setMayPresent(
  client: DataClient,
  mapId: string,
  userId: string,
  mayPresent: boolean
): Promise<void> {
  const rows = unwrap(
    await client
      .from('map_members')
      .update({ may_present: mayPresent })
      .eq('map_id', mapId)
      .eq('user_id', userId)
      .select('user_id')
  );
  // RLS hides the row from a non-admin: nothing updated is a refusal, not a success.
  if (rows.length === 0) throw toDataError({ code: '42501', message: 'not a map admin' }, 403);
}

/** Whether the signed-in person may present this map (admin, or editor with the right). */
export async function canPresent(client: DataClient, mapId: string): Promise<boolean> {
  return Boolean(unwrap(await client.rpc('can_present', { p_map_id: mapId })));
}
