// The kinds and their traits (src/lib/domain/kinds.js). That they are the
// schema's is tested against the live database in tests/db/domain-facts.test.ts.
import { describe, expect, it } from 'vitest';
import {
  NODE_KIND_FACTS,
  NODE_KINDS,
  RELATION_KIND_FACTS,
  RELATION_KINDS,
  SYMMETRIC_RELATION_KINDS,
  isNodeKind,
  isRelationKind,
  isStatus,
  isSymmetricRelationKind
} from '$lib/domain/kinds';

describe('kinds', () => {
  it('are listed in the order of their tables', () => {
    expect(NODE_KINDS[0]).toBe('municipality');
    expect(NODE_KINDS).toEqual(Object.keys(NODE_KIND_FACTS));
    expect(RELATION_KINDS).toEqual(Object.keys(RELATION_KIND_FACTS));
  });

  it('symmetric kinds are read from the traits', () => {
    expect(SYMMETRIC_RELATION_KINDS).toEqual(['similar_to', 'partner_of', 'collaborates_with']);
  });

  it('a membership has a direction (member → group), so it is never symmetric', () => {
    for (const kind of RELATION_KINDS) {
      const facts = RELATION_KIND_FACTS[kind];
      if (facts.membership) expect(facts.symmetric, kind).toBe(false);
    }
  });
});

describe('guards', () => {
  it('accept known values and reject others', () => {
    expect(isNodeKind('network')).toBe(true);
    expect(isNodeKind('flows_to')).toBe(false);
    expect(isNodeKind(undefined)).toBe(false);
    expect(isNodeKind('toString')).toBe(false);
    expect(isRelationKind('funds')).toBe(true);
    expect(isRelationKind('Funds')).toBe(false);
    expect(isStatus('dormant')).toBe(true);
    expect(isStatus('paused')).toBe(false);
    expect(isSymmetricRelationKind('partner_of')).toBe(true);
    expect(isSymmetricRelationKind('leads')).toBe(false);
    expect(isSymmetricRelationKind('constructor')).toBe(false);
  });
});
