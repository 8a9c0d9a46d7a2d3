// Row level security of the workshop tables (stories, steps, presentations,
// rounds, proposals, votes): every role × operation, on a public and a private
// map. Each actor runs all its operations in ONE transaction, each operation in
// a savepoint that is rolled back, so the cells do not affect one another.
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, freshDatabase } from '../helpers/db';
import {
  addMember,
  createPeople,
  createSharedMap,
  insertRow,
  unique,
  type People
} from '../helpers/factories';

type Visibility = 'public' | 'private';
const ACTORS = [
  'anon',
  'outsider',
  'viewer',
  'participant',
  'editor',
  'presenter',
  'admin'
] as const;

interface Fixture {
  mapId: string;
  storyId: string;
  stepId: string;
  presentationId: string;
  roundId: string;
  proposalId: string;
  hiddenId: string;
  voteId: string;
}

let db: PGlite;
let people: People & { participant: string; presenter: string };
const fixtures = {} as Record<Visibility, Fixture>;

async function fixture(visibility: Visibility): Promise<Fixture> {
  const mapId = await createSharedMap(db, people, visibility);
  await addMember(db, mapId, people.participant, 'participant' as never);
  await addMember(db, mapId, people.presenter, 'editor');
  await db.query(
    `update public.map_members set may_present = true where map_id = $1 and user_id = $2`,
    [mapId, people.presenter]
  );
  const storyId = await insertRow(db, 'stories', { map_id: mapId, title: 'Berättelse' });
  const stepId = await insertRow(db, 'story_steps', {
    map_id: mapId,
    story_id: storyId,
    title: 'Steg 1'
  });
  const presentationId = await insertRow(db, 'presentations', {
    map_id: mapId,
    story_id: storyId
  });
  const roundId = await insertRow(db, 'rounds', { map_id: mapId, question: 'Vilka stöd finns?' });
  const proposal = (fields: Record<string, unknown> = {}) =>
    insertRow(db, 'proposals', {
      map_id: mapId,
      round_id: roundId,
      title: 'Förslag',
      kind: 'resource',
      created_by: people.participant,
      ...fields
    });
  const proposalId = await proposal();
  const hiddenId = await proposal({ status: 'hidden' });
  const voteId = await insertRow(db, 'votes', {
    map_id: mapId,
    proposal_id: proposalId,
    user_id: people.participant
  });
  return { mapId, storyId, stepId, presentationId, roundId, proposalId, hiddenId, voteId };
}

beforeAll(async () => {
  db = await freshDatabase();
  people = {
    ...(await createPeople(db)),
    participant: await createUser(db, `${unique('participant')}@example.se`),
    presenter: await createUser(db, `${unique('presenter')}@example.se`)
  };
  fixtures.public = await fixture('public');
  fixtures.private = await fixture('private');
});
afterAll(async () => {
  await db.close();
});

type Verdict = 'yes' | 'no';
interface Op {
  name: string;
  sql: (f: Fixture) => [string, unknown[]];
  /** How a success shows: a returned/affected row (reads, updates, deletes) or no error. */
  kind: 'rows' | 'write';
}

const OPS: Op[] = [
  {
    name: 'stories.read',
    kind: 'rows',
    sql: (f) => [`select id from public.stories where id = $1`, [f.storyId]]
  },
  {
    name: 'stories.insert',
    kind: 'write',
    sql: (f) => [`insert into public.stories (map_id, title) values ($1, 'Ny')`, [f.mapId]]
  },
  {
    name: 'stories.update',
    kind: 'rows',
    sql: (f) => [`update public.stories set title = 'Ä' where id = $1`, [f.storyId]]
  },
  {
    name: 'stories.delete',
    kind: 'rows',
    sql: (f) => [`delete from public.stories where id = $1`, [f.storyId]]
  },
  {
    name: 'steps.read',
    kind: 'rows',
    sql: (f) => [`select id from public.story_steps where id = $1`, [f.stepId]]
  },
  {
    name: 'steps.insert',
    kind: 'write',
    sql: (f) => [
      `insert into public.story_steps (map_id, story_id, title, position) values ($1, $2, 'Ny', 2)`,
      [f.mapId, f.storyId]
    ]
  },
  {
    name: 'steps.update',
    kind: 'rows',
    sql: (f) => [`update public.story_steps set position = 5 where id = $1`, [f.stepId]]
  },
  {
    name: 'steps.delete',
    kind: 'rows',
    sql: (f) => [`delete from public.story_steps where id = $1`, [f.stepId]]
  },
  {
    name: 'presentations.read',
    kind: 'rows',
    sql: (f) => [`select id from public.presentations where id = $1`, [f.presentationId]]
  },
  {
    name: 'presentations.insert',
    kind: 'write',
    sql: (f) => [`insert into public.presentations (map_id) values ($1)`, [f.mapId]]
  },
  {
    name: 'presentations.update',
    kind: 'rows',
    sql: (f) => [`update public.presentations set step_index = 1 where id = $1`, [f.presentationId]]
  },
  {
    name: 'presentations.delete',
    kind: 'rows',
    sql: (f) => [`delete from public.presentations where id = $1`, [f.presentationId]]
  },
  {
    name: 'rounds.read',
    kind: 'rows',
    sql: (f) => [`select id from public.rounds where id = $1`, [f.roundId]]
  },
  {
    name: 'rounds.insert',
    kind: 'write',
    sql: (f) => [`insert into public.rounds (map_id, question) values ($1, 'Fråga?')`, [f.mapId]]
  },
  {
    name: 'rounds.update',
    kind: 'rows',
    sql: (f) => [`update public.rounds set status = 'closed' where id = $1`, [f.roundId]]
  },
  {
    name: 'rounds.delete',
    kind: 'rows',
    sql: (f) => [`delete from public.rounds where id = $1`, [f.roundId]]
  },
  {
    name: 'proposals.read',
    kind: 'rows',
    sql: (f) => [`select id from public.proposals where id = $1`, [f.proposalId]]
  },
  {
    name: 'proposals.readHidden',
    kind: 'rows',
    sql: (f) => [`select id from public.proposals where id = $1`, [f.hiddenId]]
  },
  {
    name: 'proposals.insert',
    kind: 'write',
    sql: (f) => [
      `insert into public.proposals (map_id, round_id, title, kind, created_by)
       values ($1, $2, 'Nytt', 'project', auth.uid())`,
      [f.mapId, f.roundId]
    ]
  },
  {
    name: 'proposals.update',
    kind: 'rows',
    sql: (f) => [`update public.proposals set status = 'rejected' where id = $1`, [f.proposalId]]
  },
  {
    name: 'proposals.delete',
    kind: 'rows',
    sql: (f) => [`delete from public.proposals where id = $1`, [f.proposalId]]
  },
  {
    name: 'votes.readParticipants',
    kind: 'rows',
    sql: (f) => [`select id from public.votes where id = $1`, [f.voteId]]
  },
  {
    name: 'votes.insert',
    kind: 'write',
    sql: (f) => [
      `insert into public.votes (map_id, proposal_id, user_id) values ($1, $2, auth.uid())`,
      [f.mapId, f.proposalId]
    ]
  },
  {
    name: 'votes.deleteParticipants',
    kind: 'rows',
    sql: (f) => [`delete from public.votes where id = $1`, [f.voteId]]
  }
];

// Expected verdicts: one column per actor (anon outsider viewer participant editor presenter admin).
const EXPECTED: Record<Visibility, Record<string, string>> = {
  public: {
    'stories.read': 'yes yes yes yes yes yes yes',
    'stories.insert': 'no  no  no  no  yes yes yes',
    'stories.update': 'no  no  no  no  yes yes yes',
    'stories.delete': 'no  no  no  no  no  no  yes',
    'steps.read': 'yes yes yes yes yes yes yes',
    'steps.insert': 'no  no  no  no  yes yes yes',
    'steps.update': 'no  no  no  no  yes yes yes',
    'steps.delete': 'no  no  no  no  no  no  yes',
    'presentations.read': 'yes yes yes yes yes yes yes',
    'presentations.insert': 'no  no  no  no  no  yes yes',
    'presentations.update': 'no  no  no  no  no  yes yes',
    'presentations.delete': 'no  no  no  no  no  no  yes',
    'rounds.read': 'yes yes yes yes yes yes yes',
    'rounds.insert': 'no  no  no  no  no  yes yes',
    'rounds.update': 'no  no  no  no  no  yes yes',
    'rounds.delete': 'no  no  no  no  no  no  yes',
    'proposals.read': 'yes yes yes yes yes yes yes',
    'proposals.readHidden': 'no  no  no  no  no  yes yes',
    'proposals.insert': 'no  no  no  yes yes yes yes',
    'proposals.update': 'no  no  no  no  no  yes yes',
    'proposals.delete': 'no  no  no  no  no  no  yes',
    'votes.readParticipants': 'no  no  no  yes no  yes yes',
    'votes.insert': 'no  no  no  no  yes yes yes',
    'votes.deleteParticipants': 'no  no  no  yes no  no  no'
  },
  private: {
    'stories.read': 'no  no  yes yes yes yes yes',
    'stories.insert': 'no  no  no  no  yes yes yes',
    'stories.update': 'no  no  no  no  yes yes yes',
    'stories.delete': 'no  no  no  no  no  no  yes',
    'steps.read': 'no  no  yes yes yes yes yes',
    'steps.insert': 'no  no  no  no  yes yes yes',
    'steps.update': 'no  no  no  no  yes yes yes',
    'steps.delete': 'no  no  no  no  no  no  yes',
    'presentations.read': 'no  no  yes yes yes yes yes',
    'presentations.insert': 'no  no  no  no  no  yes yes',
    'presentations.update': 'no  no  no  no  no  yes yes',
    'presentations.delete': 'no  no  no  no  no  no  yes',
    'rounds.read': 'no  no  yes yes yes yes yes',
    'rounds.insert': 'no  no  no  no  no  yes yes',
    'rounds.update': 'no  no  no  no  no  yes yes',
    'rounds.delete': 'no  no  no  no  no  no  yes',
    'proposals.read': 'no  no  yes yes yes yes yes',
    'proposals.readHidden': 'no  no  no  no  no  yes yes',
    'proposals.insert': 'no  no  no  yes yes yes yes',
    'proposals.update': 'no  no  no  no  no  yes yes',
    'proposals.delete': 'no  no  no  no  no  no  yes',
    'votes.readParticipants': 'no  no  no  yes no  yes yes',
    'votes.insert': 'no  no  no  no  yes yes yes',
    'votes.deleteParticipants': 'no  no  no  yes no  no  no'
  }
};
// The participant's own second vote on the same proposal is refused by the
// unique constraint, hence 'no' for votes.insert above; see workshops.test.ts.

/** The errors that mean "denied"; anything else is a broken test and is thrown. */
const DENIED_CODES = new Set(['42501']);

async function verdict(tx: Transaction, op: Op, f: Fixture): Promise<Verdict> {
  const [sql, params] = op.sql(f);
  await tx.exec('savepoint cell');
  try {
    const res = await tx.query(sql, params);
    const n = op.kind === 'rows' ? Math.max(res.rows.length, res.affectedRows ?? 0) : 1;
    return n > 0 ? 'yes' : 'no';
  } catch (error) {
    const e = error as { code?: string; message?: string };
    if (op.name === 'votes.insert' && e.code === '23505') return 'no';
    if (!e.code || !DENIED_CODES.has(e.code)) {
      throw new Error(`${op.name}: unexpected ${e.code}: ${e.message}`, { cause: error });
    }
    return 'no';
  } finally {
    await tx.exec('rollback to savepoint cell');
  }
}

describe.each(['public', 'private'] as const)('%s map', (visibility) => {
  it.each(ACTORS.map((actor, column) => ({ actor, column })))(
    '$actor: every operation on the workshop tables',
    async ({ actor, column }) => {
      const f = fixtures[visibility];
      const role = actor === 'anon' ? 'anon' : 'authenticated';
      const sub = actor === 'anon' ? null : people[actor];
      const got: Record<string, Verdict> = {};
      await db.transaction(async (tx) => {
        await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
          JSON.stringify(sub ? { role, sub } : { role })
        ]);
        await tx.exec(`set local role ${role}`);
        for (const op of OPS) got[op.name] = await verdict(tx, op, f);
        await tx.rollback();
      });
      const want = Object.fromEntries(
        Object.entries(EXPECTED[visibility]).map(([op, row]) => [
          op,
          row.trim().split(/\s+/)[column] as Verdict
        ])
      );
      expect(got).toEqual(want);
    }
  );
});
