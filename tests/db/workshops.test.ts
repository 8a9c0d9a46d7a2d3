// The workshop rules the database enforces itself: joining with a workshop code
// (participant), one vote per proposal, the round's vote budget, closed rounds,
// moderation (hide, accept → node with its source, merge, reject) and the audit
// trail of proposals and votes.
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asRole,
  attempt,
  createUser,
  freshDatabase,
  sqlError,
  type Actor,
  type Outcome
} from '../helpers/db';
import {
  addMember,
  createPeople,
  createSharedMap,
  createTheme,
  insertRow,
  readRow,
  unique,
  type People
} from '../helpers/factories';

let db: PGlite;
let people: People;
let mapId: string;

const as = (sub: string): Actor => ({ role: 'authenticated', sub });
function rowsOf(res: Outcome): Record<string, unknown>[] {
  if (!res.ok) throw new Error(`${res.code} ${res.message}`);
  return res.rows;
}

async function newParticipant(name = 'Deltagare'): Promise<string> {
  const id = await createUser(db, `${unique('p')}@example.se`);
  await db.query(`update public.profiles set display_name = $2 where id = $1`, [id, name]);
  await addMember(db, mapId, id, 'participant' as never);
  return id;
}

async function openRound(fields: Record<string, unknown> = {}): Promise<string> {
  return insertRow(db, 'rounds', { map_id: mapId, question: 'Vilka stöd finns?', ...fields });
}

async function propose(roundId: string, by: string, title = 'Förslag'): Promise<string> {
  const res = await attempt(
    db,
    as(by),
    `insert into public.proposals (map_id, round_id, title, kind, municipality_code, created_by)
     values ($1, $2, $3, 'resource', '1880', auth.uid()) returning id`,
    [mapId, roundId, title]
  );
  if (!res.ok) throw new Error(`${res.code} ${res.message}`);
  return res.rows[0]!.id as string;
}

const vote = (by: string, proposalId: string) =>
  attempt(
    db,
    as(by),
    `insert into public.votes (map_id, proposal_id, user_id) values ($1, $2, auth.uid())`,
    [mapId, proposalId]
  );

const moderate = (by: string, proposalId: string, action: string, nodeId: string | null = null) =>
  attempt(db, as(by), `select * from public.moderate_proposal($1, $2, $3)`, [
    proposalId,
    action,
    nodeId
  ]);

beforeAll(async () => {
  db = await freshDatabase();
  people = await createPeople(db);
  mapId = await createSharedMap(db, people, 'public');
});
afterAll(async () => {
  await db.close();
});

describe('joining with the workshop code', () => {
  it('makes a viewer a participant, never lowers an editor, and only presenters make codes', async () => {
    const refused = await attempt(
      db,
      as(people.editor),
      `select public.new_workshop_code($1) as code`,
      [mapId]
    );
    expect(refused).toMatchObject({ ok: false, code: '42501' });

    const made = await attempt(
      db,
      as(people.admin),
      `select public.new_workshop_code($1) as code`,
      [mapId]
    );
    expect(made.ok).toBe(true);
    const code = rowsOf(made)[0]!.code as string;
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);

    const newcomer = await createUser(db, `${unique('n')}@example.se`);
    const joined = await attempt(db, as(newcomer), `select public.join_map($1, $2) as role`, [
      mapId,
      `${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`
    ]);
    expect(joined).toMatchObject({ ok: true, rows: [{ role: 'participant' }] });

    const editorKeeps = await attempt(
      db,
      as(people.editor),
      `select public.join_map($1, $2) as role`,
      [mapId, code]
    );
    expect(editorKeeps).toMatchObject({ ok: true, rows: [{ role: 'editor' }] });

    // A new code replaces the old one.
    await attempt(db, as(people.admin), `select public.new_workshop_code($1)`, [mapId]);
    const late = await createUser(db, `${unique('n')}@example.se`);
    const stale = await attempt(db, as(late), `select public.join_map($1, $2) as role`, [
      mapId,
      code
    ]);
    expect(stale).toMatchObject({ ok: true, rows: [{ role: 'viewer' }] });
  });

  it('a participant cannot edit the map itself', async () => {
    const p = await newParticipant();
    const res = await attempt(
      db,
      as(p),
      `insert into public.nodes (map_id, kind, title) values ($1, 'project', 'X')`,
      [mapId]
    );
    expect(res).toMatchObject({ ok: false, code: '42501' });
  });
});

describe('votes', () => {
  it('a second vote on the same proposal is refused by the database', async () => {
    const roundId = await openRound();
    const p = await newParticipant();
    const proposal = await propose(roundId, p);
    expect(await vote(p, proposal)).toMatchObject({ ok: true, affected: 1 });
    expect(await vote(p, proposal)).toMatchObject({ ok: false, code: '23505' });
    expect(await readRow(db, 'proposals', proposal)).toMatchObject({ votes: 1 });
  });

  it('the round’s vote budget is enforced per participant', async () => {
    const roundId = await openRound({ vote_budget: 2 });
    const p = await newParticipant();
    const other = await newParticipant();
    const ids = [
      await propose(roundId, other, 'A'),
      await propose(roundId, other, 'B'),
      await propose(roundId, other, 'C')
    ];
    expect(await vote(p, ids[0]!)).toMatchObject({ ok: true });
    expect(await vote(p, ids[1]!)).toMatchObject({ ok: true });
    expect(await vote(p, ids[2]!)).toMatchObject({
      ok: false,
      code: '23514',
      message: 'no votes left in this round (2 of 2)'
    });
    // Others still have theirs; withdrawing one gives it back.
    expect(await vote(other, ids[2]!)).toMatchObject({ ok: true });
    const withdrawn = await attempt(db, as(p), `delete from public.votes where proposal_id = $1`, [
      ids[0]
    ]);
    expect(withdrawn).toMatchObject({ ok: true, affected: 1 });
    expect(await vote(p, ids[2]!)).toMatchObject({ ok: true });
    expect(await readRow(db, 'proposals', ids[2]!)).toMatchObject({ votes: 2 });
  });

  it('the vote count cannot be written directly, not even by a presenter', async () => {
    const roundId = await openRound();
    const proposal = await propose(roundId, await newParticipant());
    const res = await attempt(
      db,
      as(people.admin),
      `update public.proposals set votes = 99 where id = $1`,
      [proposal]
    );
    expect(res).toMatchObject({ ok: true, affected: 1 });
    expect(await readRow(db, 'proposals', proposal)).toMatchObject({ votes: 0 });
  });

  it('a closed round takes no proposals and no votes, and stays closed', async () => {
    const roundId = await openRound();
    const p = await newParticipant();
    const proposal = await propose(roundId, p);
    await attempt(
      db,
      as(people.admin),
      `update public.rounds set status = 'closed' where id = $1`,
      [roundId]
    );
    expect((await readRow(db, 'rounds', roundId))!.closed_at).not.toBeNull();
    expect(await vote(p, proposal)).toMatchObject({ ok: false, code: '23514' });
    await expect(propose(roundId, p)).rejects.toThrow(/23514 the round is closed/);
    expect(
      await sqlError(() =>
        db.query(`update public.rounds set status = 'open' where id = $1`, [roundId])
      )
    ).toMatchObject({ code: '23514' });
  });

  it('a round past its time limit takes no more proposals', async () => {
    const roundId = await openRound({ closes_at: new Date(Date.now() - 1000).toISOString() });
    await expect(propose(roundId, await newParticipant())).rejects.toThrow(/the round is closed/);
  });

  it('a participant’s proposal arrives open, with no votes and as its proposer', async () => {
    const roundId = await openRound();
    const p = await newParticipant();
    const res = await attempt(
      db,
      as(p),
      `insert into public.proposals (map_id, round_id, title, kind, status, votes, created_by)
       values ($1, $2, 'Smyg', 'project', 'accepted', 50, auth.uid()) returning id`,
      [mapId, roundId]
    );
    const row = await readRow(db, 'proposals', rowsOf(res)[0]!.id as string);
    expect(row).toMatchObject({ status: 'open', votes: 0, node_id: null, created_by: p });
    const spoof = await attempt(
      db,
      as(p),
      `insert into public.proposals (map_id, round_id, title, kind, created_by) values ($1, $2, 'X', 'project', $3)`,
      [mapId, roundId, people.editor]
    );
    expect(spoof).toMatchObject({ ok: true }); // created_by is stamped as the caller
  });
});

describe('moderation', () => {
  it('accepting makes a node whose source names the round, the date and the proposer', async () => {
    const theme = unique('juridik');
    await createTheme(db, mapId, { key: theme });
    const roundId = await openRound({ question: 'Vilka stöd finns för juridik?', theme });
    const p = await newParticipant('Anna Lind');
    const proposal = await propose(roundId, p, 'Juristnätverket');
    expect(await moderate(people.editor, proposal, 'accept')).toMatchObject({
      ok: false,
      code: '42501'
    });

    const res = await moderate(people.admin, proposal, 'accept');
    expect(res).toMatchObject({ ok: true, rows: [{ status: 'accepted' }] });
    const nodeId = rowsOf(res)[0]!.node_id as string;
    const round = await readRow(db, 'rounds', roundId);
    const date = new Date(round!.created_at as string).toLocaleDateString('sv-SE', {
      timeZone: 'Europe/Stockholm'
    });
    expect(await readRow(db, 'nodes', nodeId)).toMatchObject({
      map_id: mapId,
      title: 'Juristnätverket',
      kind: 'resource',
      municipality_code: '1880',
      themes: [theme],
      source: `Workshoprunda "Vilka stöd finns för juridik?", ${date}, förslag av Anna Lind`,
      created_by: people.admin
    });
    // Already on the map: not again.
    expect(await moderate(people.admin, proposal, 'accept')).toMatchObject({
      ok: false,
      code: '23514'
    });
  });

  it('an editor given presenting rights may moderate; merge links an existing node and names the round in its source', async () => {
    await db.query(
      `update public.map_members set may_present = true where map_id = $1 and user_id = $2`,
      [mapId, people.editor]
    );
    try {
      const roundId = await openRound();
      const proposal = await propose(roundId, await newParticipant('Bo Ek'), 'Samma nätverk');
      const node = await insertRow(db, 'nodes', {
        map_id: mapId,
        kind: 'network',
        title: 'Finns redan',
        source: 'Kommunens webbplats'
      });
      const res = await moderate(people.editor, proposal, 'merge', node);
      expect(res).toMatchObject({ ok: true, rows: [{ status: 'merged', node_id: node }] });
      const round = await readRow(db, 'rounds', roundId);
      const date = new Date(round!.created_at as string).toLocaleDateString('sv-SE', {
        timeZone: 'Europe/Stockholm'
      });
      expect((await readRow(db, 'nodes', node))!.source).toBe(
        `Kommunens webbplats; Workshoprunda "Vilka stöd finns?", ${date}, förslag av Bo Ek (Samma nätverk)`
      );
      const rejected = await propose(roundId, await newParticipant());
      expect(await moderate(people.editor, rejected, 'reject')).toMatchObject({
        ok: true,
        rows: [{ status: 'rejected' }]
      });
    } finally {
      await db.query(
        `update public.map_members set may_present = false where map_id = $1 and user_id = $2`,
        [mapId, people.editor]
      );
    }
  });

  it('hiding removes a proposal for everyone but the presenters, also from the history', async () => {
    const roundId = await openRound();
    const p = await newParticipant();
    const proposal = await propose(roundId, p);
    await moderate(people.admin, proposal, 'hide');
    for (const who of [p, people.viewer, people.editor]) {
      const read = await attempt(db, as(who), `select id from public.proposals where id = $1`, [
        proposal
      ]);
      expect(read).toMatchObject({ ok: true, rows: [] });
      const history = await attempt(
        db,
        as(who),
        `select id from public.changes where row_id = $1`,
        [proposal]
      );
      expect(history).toMatchObject({ ok: true, rows: [] });
    }
    const admin = await attempt(
      db,
      as(people.admin),
      `select status from public.proposals where id = $1`,
      [proposal]
    );
    expect(admin).toMatchObject({ ok: true, rows: [{ status: 'hidden' }] });
    expect(await moderate(people.admin, proposal, 'show')).toMatchObject({
      ok: true,
      rows: [{ status: 'open' }]
    });
    const back = await attempt(db, as(p), `select id from public.proposals where id = $1`, [
      proposal
    ]);
    expect(back).toMatchObject({ ok: true, rows: [{ id: proposal }] });
  });
});

describe('audit trail', () => {
  it('proposals and votes are recorded with their actor; others’ votes are not readable in it', async () => {
    const roundId = await openRound();
    const p = await newParticipant();
    const proposal = await propose(roundId, p);
    await vote(p, proposal);
    const rows = await db.query<{ table_name: string; op: string; actor: string }>(
      `select table_name, op, actor from public.changes
       where row_id in (select id from public.votes where proposal_id = $1) or row_id = $1
       order by id`,
      [proposal]
    );
    expect(rows.rows).toEqual([
      { table_name: 'proposals', op: 'insert', actor: p },
      { table_name: 'votes', op: 'insert', actor: p },
      { table_name: 'proposals', op: 'update', actor: p }
    ]);
    const seen = (who: string) =>
      asRole(db, 'authenticated', who, (tx) =>
        tx.query(`select id from public.changes where table_name = 'votes' and actor = $1`, [p])
      );
    expect((await seen(p)).rows).toHaveLength(1);
    expect((await seen(people.admin)).rows).toHaveLength(1);
    expect((await seen(people.viewer)).rows).toHaveLength(0);
  });
});
