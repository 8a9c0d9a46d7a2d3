// Presence: who else is here and what they have selected, from the live
// channel's member list (untrusted JSON: the selection is checked, names are text).
import type { PresenceMember } from '$lib/data/live';
import type { Selection } from '$lib/domain/model';

export interface Person {
  clientId: string;
  userId: string | null;
  name: string;
  role: string;
  selection: Selection | null;
  me: boolean;
}

export function parseSelection(value: unknown): Selection | null {
  if (!value || typeof value !== 'object') return null;
  const { type, id } = value as { type?: unknown; id?: unknown };
  if ((type === 'node' || type === 'relation') && typeof id === 'string' && id.length <= 64) {
    return { type, id };
  }
  return null;
}

/**
 * Everyone here, me first, then by name; one entry per connection. "Me" is this
 * connection, and my other connections when signed in (an anonymous visitor has
 * no user id to know them by).
 */
export function people(
  members: readonly PresenceMember[],
  myUserId: string | null,
  myClientId: string | null = null
): Person[] {
  return members
    .map((m) => ({
      clientId: m.client_id,
      userId: m.user_id,
      name: String(m.display_name ?? '').slice(0, 80) || '?',
      role: m.role,
      selection: parseSelection(m.selection),
      me:
        (myClientId !== null && m.client_id === myClientId) ||
        (myUserId !== null && m.user_id === myUserId)
    }))
    .sort((a, b) => Number(b.me) - Number(a.me) || a.name.localeCompare(b.name, 'sv'));
}

/** Other people's selections (for the markers in the map and the graph). */
export function remoteSelections(
  list: readonly Person[]
): { name: string; selection: Selection }[] {
  return list.flatMap((p) =>
    !p.me && p.selection ? [{ name: p.name, selection: p.selection }] : []
  );
}
