import { describe, expect, it } from 'vitest';
import { joinErrorKey, joinRequest, takeAdminToken, validateJoin } from '$lib/collab/join';
import { IdentityError } from '$lib/data/identity';

const input = {
  displayName: '  Anna  ',
  organisation: ' Skolverket ',
  municipality: '1880',
  joinCode: ' k7p-q2m ',
  viewerOnly: false
};

describe('join', () => {
  it('requires a display name of at most 80 characters', () => {
    expect(validateJoin({ ...input, displayName: '   ' })).toEqual({
      displayName: 'join.error.nameRequired'
    });
    expect(validateJoin({ ...input, displayName: 'x'.repeat(81) }).displayName).toBe(
      'join.error.nameTooLong'
    );
    expect(validateJoin(input)).toEqual({});
  });

  it('builds the request: trimmed, empty optional fields as null, viewer drops the codes', () => {
    expect(joinRequest(input, null, 'm1')).toEqual({
      profile: { display_name: 'Anna', organisation: 'Skolverket', municipality_code: '1880' },
      codes: { map_id: 'm1', join_code: 'k7p-q2m', admin_token: undefined }
    });
    const viewer = joinRequest({ ...input, organisation: '', viewerOnly: true }, 'tok');
    expect(viewer.profile.organisation).toBeNull();
    expect(viewer.codes).toEqual({
      map_id: undefined,
      join_code: undefined,
      admin_token: undefined,
      role: 'viewer'
    });
    expect(joinRequest(input, 'tok').codes.admin_token).toBe('tok');
  });

  it('takes the admin token out of the address', () => {
    const { token, cleaned } = takeAdminToken(new URL('http://x/ga-med?admin=abc&lang=sv#top'));
    expect(token).toBe('abc');
    expect(cleaned.href).toBe('http://x/ga-med?lang=sv#top');
    expect(takeAdminToken(new URL('http://x/ga-med')).token).toBeNull();
  });

  it('maps server refusals to messages', () => {
    expect(joinErrorKey(new IdentityError('wrong_join_code', 'x'))).toBe('join.error.wrongCode');
    expect(joinErrorKey(new IdentityError('rate_limited', 'x', 30))).toBe('join.error.rateLimited');
    expect(joinErrorKey(new IdentityError('invalid_display_name', 'x'))).toBe(
      'join.error.nameRequired'
    );
    expect(joinErrorKey(new IdentityError('something_new', 'x'))).toBe('join.error.unknown');
    expect(joinErrorKey(new Error('boom'))).toBe('join.error.unknown');
  });
});
