// The join page's pure parts: what the user typed → a join request, the admin
// token from the printed admin link, and identity errors → message keys.
import { IdentityError, type JoinCodes, type Profile } from '$lib/data/identity';
import { MAX_LENGTH } from '$lib/domain/limits';
import type { MessageKey } from '$lib/i18n/sv';

export interface JoinInput {
  displayName: string;
  organisation: string;
  municipality: string;
  joinCode: string;
  viewerOnly: boolean;
}

export type JoinFieldErrors = Partial<Record<'displayName', MessageKey>>;

export function validateJoin(input: JoinInput): JoinFieldErrors {
  const name = input.displayName.trim();
  if (name.length === 0) return { displayName: 'join.error.nameRequired' };
  if (name.length > MAX_LENGTH.profiles.display_name)
    return { displayName: 'join.error.nameTooLong' };
  return {};
}

export function joinRequest(
  input: JoinInput,
  adminToken: string | null,
  mapId?: string
): { profile: Profile; codes: JoinCodes } {
  return {
    profile: {
      display_name: input.displayName.trim(),
      organisation: input.organisation.trim() || null,
      municipality_code: input.municipality || null
    },
    codes: {
      map_id: mapId,
      join_code: input.viewerOnly ? undefined : input.joinCode.trim() || undefined,
      admin_token: input.viewerOnly ? undefined : (adminToken ?? undefined),
      ...(input.viewerOnly ? { role: 'viewer' as const } : {})
    }
  };
}

/** `?admin=TOKEN` from the admin link, and the same URL without it (to replace the address). */
export function takeAdminToken(url: URL): { token: string | null; cleaned: URL } {
  const token = url.searchParams.get('admin');
  const cleaned = new URL(url);
  cleaned.searchParams.delete('admin');
  return { token: token && token.trim() ? token.trim() : null, cleaned };
}

const CODE_KEYS: Readonly<Record<string, MessageKey>> = {
  invalid_display_name: 'join.error.nameRequired',
  invalid_municipality_code: 'join.error.municipality',
  wrong_join_code: 'join.error.wrongCode',
  wrong_admin_token: 'join.error.wrongAdmin',
  map_not_joinable: 'join.error.private',
  map_not_found: 'join.error.mapNotFound',
  rate_limited: 'join.error.rateLimited',
  network: 'join.error.network'
};

/** The message key for a failed join (the server's own Swedish text is only a fallback). */
export function joinErrorKey(error: unknown): MessageKey {
  if (error instanceof IdentityError) return CODE_KEYS[error.code] ?? 'join.error.unknown';
  return 'join.error.unknown';
}
