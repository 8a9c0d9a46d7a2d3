// Reads and writes of the workshop tables through supabase-js (RLS applies):
// stories and steps, presentations, rounds, proposals, votes, moderation and the
// workshop code. Every failure is a DataError.
import type {
  ModerationAction,
  PresentationRow,
  ProposalDraft,
  ProposalRow,
  RoundRow,
  StepRow,
  StepView,
  StoryRow
} from '$lib/domain/workshop';
import type { DataClient } from './client';
import type { Json } from '$lib/domain/database.types';
import { unwrap } from './errors';

const asStep = (row: unknown) => row as StepRow;
const asJson = (view: StepView) => view as unknown as { [key: string]: Json };

// ---- stories ------------------------------------------------------------------

export async function listStories(client: DataClient, mapId: string): Promise<StoryRow[]> {
  return unwrap(
    await client
      .from('stories')
      .select('*')
      .eq('map_id', mapId)
      .is('deleted_at', null)
      .order('created_at')
  );
}

export async function createStory(
  client: DataClient,
  mapId: string,
  title: string
): Promise<StoryRow> {
  return unwrap(await client.from('stories').insert({ map_id: mapId, title }).select('*').single());
}

export async function listSteps(client: DataClient, storyId: string): Promise<StepRow[]> {
  const rows = unwrap(
    await client
      .from('story_steps')
      .select('*')
      .eq('story_id', storyId)
      .is('deleted_at', null)
      .order('position')
      .order('created_at')
  );
  return rows.map(asStep);
}

export async function addStep(
  client: DataClient,
  step: { map_id: string; story_id: string; position: number; title: string; view: StepView }
): Promise<StepRow> {
  const row = unwrap(
    await client
      .from('story_steps')
      .insert({ ...step, view: asJson(step.view) })
      .select('*')
      .single()
  );
  return asStep(row);
}

export async function updateStep(
  client: DataClient,
  id: string,
  patch: { title?: string; narrative?: string; position?: number; view?: StepView }
): Promise<StepRow> {
  const { view, ...rest } = patch;
  const row = unwrap(
    await client
      .from('story_steps')
      .update(view ? { ...rest, view: asJson(view) } : rest)
      .eq('id', id)
      .select('*')
      .single()
  );
  return asStep(row);
}

/** Soft delete (editors may; the row stays in the history). */
export async function deleteStep(client: DataClient, id: string): Promise<void> {
  unwrap(
    await client.from('story_steps').update({ deleted_at: new Date().toISOString() }).eq('id', id)
  );
}

// ---- presentations ------------------------------------------------------------------

export async function startPresentation(
  client: DataClient,
  mapId: string,
  storyId: string | null
): Promise<PresentationRow> {
  return unwrap(
    await client
      .from('presentations')
      .insert({ map_id: mapId, story_id: storyId })
      .select('*')
      .single()
  );
}

export async function setPresentationStep(
  client: DataClient,
  id: string,
  step: number
): Promise<void> {
  unwrap(await client.from('presentations').update({ step_index: step }).eq('id', id));
}

export async function endPresentation(client: DataClient, id: string): Promise<void> {
  unwrap(await client.from('presentations').update({ live: false }).eq('id', id));
}

export async function newWorkshopCode(client: DataClient, mapId: string): Promise<string> {
  return unwrap(await client.rpc('new_workshop_code', { p_map_id: mapId }));
}

// ---- rounds, proposals, votes ----------------------------------------------------------

export async function latestRound(client: DataClient, mapId: string): Promise<RoundRow | null> {
  const rows = unwrap(
    await client
      .from('rounds')
      .select('*')
      .eq('map_id', mapId)
      .is('deleted_at', null)
      .order('created_at', { ascending: false })
      .limit(1)
  );
  return rows[0] ?? null;
}

export async function fetchRound(client: DataClient, id: string): Promise<RoundRow | null> {
  return unwrap(await client.from('rounds').select('*').eq('id', id).maybeSingle());
}

export async function openRound(
  client: DataClient,
  round: {
    map_id: string;
    question: string;
    theme: string | null;
    vote_budget: number;
    closes_at: string | null;
    presentation_id: string | null;
  }
): Promise<RoundRow> {
  return unwrap(await client.from('rounds').insert(round).select('*').single());
}

export async function closeRound(client: DataClient, id: string): Promise<RoundRow> {
  return unwrap(
    await client.from('rounds').update({ status: 'closed' }).eq('id', id).select('*').single()
  );
}

export async function listProposals(client: DataClient, roundId: string): Promise<ProposalRow[]> {
  const rows = unwrap(
    await client.from('proposals').select('*').eq('round_id', roundId).order('created_at')
  );
  return rows as unknown as ProposalRow[];
}

/** The proposals with these ids that the caller may read (hidden ones are not). */
export async function fetchProposals(client: DataClient, ids: string[]): Promise<ProposalRow[]> {
  if (!ids.length) return [];
  const rows = unwrap(await client.from('proposals').select('*').in('id', ids));
  return rows as unknown as ProposalRow[];
}

export async function propose(
  client: DataClient,
  mapId: string,
  roundId: string,
  userId: string,
  draft: ProposalDraft
): Promise<ProposalRow> {
  const row = unwrap(
    await client
      .from('proposals')
      .insert({
        map_id: mapId,
        round_id: roundId,
        created_by: userId,
        title: draft.title.trim(),
        kind: draft.kind,
        municipality_code: draft.municipality_code,
        description: draft.description.trim(),
        url: draft.url.trim() || null
      })
      .select('*')
      .single()
  );
  return row as unknown as ProposalRow;
}

/** The proposals this user voted for in the round. */
export async function myVotes(
  client: DataClient,
  roundId: string,
  userId: string
): Promise<string[]> {
  const rows = unwrap(
    await client.from('votes').select('proposal_id').eq('round_id', roundId).eq('user_id', userId)
  );
  return rows.map((r) => r.proposal_id);
}

export async function vote(
  client: DataClient,
  proposal: Pick<ProposalRow, 'id' | 'map_id' | 'round_id'>,
  userId: string
): Promise<void> {
  unwrap(
    await client.from('votes').insert({
      map_id: proposal.map_id,
      round_id: proposal.round_id,
      proposal_id: proposal.id,
      user_id: userId
    })
  );
}

export async function moderate(
  client: DataClient,
  proposalId: string,
  action: ModerationAction,
  nodeId: string | null = null
): Promise<ProposalRow> {
  const row = unwrap(
    await client
      .rpc('moderate_proposal', {
        p_proposal_id: proposalId,
        p_action: action,
        ...(nodeId ? { p_node_id: nodeId } : {})
      })
      .single()
  );
  return row as unknown as ProposalRow;
}
