import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  NODE_KINDS,
  RELATION_KINDS,
  STATUSES,
  SYMMETRIC_RELATION_KINDS,
  isNodeKind,
  isRelationKind,
  isStatus,
  isSymmetricRelationKind
} from '$lib/domain/kinds';

const migration = readFileSync(
  new URL('../../supabase/migrations/20261122100000_regional_map.sql', import.meta.url),
  'utf8'
);

/** The quoted values of the first `<column> … in ( … )` list after the given marker. */
function checkList(marker: RegExp): string[] {
  const match = marker.exec(migration);
  if (!match?.[1]) throw new Error(`no check list for ${marker}`);
  return [...match[1].matchAll(/'([a-z_]+)'/g)].map((m) => m[1] ?? '');
}

describe('kinds mirror the schema', () => {
  it('node kinds', () => {
    expect(checkList(/kind text not null check \(kind in \(([^)]*)\)\),\n\s+title/)).toEqual([
      ...NODE_KINDS
    ]);
  });

  it('relation kinds', () => {
    expect(checkList(/kind text not null check \(kind in \(([^)]*)\)\),\n\s+-- Symmetric/)).toEqual(
      [...RELATION_KINDS]
    );
  });

  it('statuses', () => {
    expect(
      checkList(/status text not null default 'active' check \(status in \(([^)]*)\)/)
    ).toEqual([...STATUSES]);
  });

  it('symmetric relation kinds are the undirected ones of the generated column', () => {
    expect(checkList(/directed boolean generated always as \(kind not in \(([^)]*)\)/)).toEqual([
      ...SYMMETRIC_RELATION_KINDS
    ]);
  });
});

describe('guards', () => {
  it('accept known values and reject others', () => {
    expect(isNodeKind('network')).toBe(true);
    expect(isNodeKind('flows_to')).toBe(false);
    expect(isNodeKind(undefined)).toBe(false);
    expect(isRelationKind('funds')).toBe(true);
    expect(isRelationKind('Funds')).toBe(false);
    expect(isStatus('dormant')).toBe(true);
    expect(isStatus('paused')).toBe(false);
    expect(isSymmetricRelationKind('partner_of')).toBe(true);
    expect(isSymmetricRelationKind('leads')).toBe(false);
  });
});
