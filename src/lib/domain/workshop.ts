// Workshops: stories (ordered saved views with a narrative), the presenter's live
// view, rounds, proposals and votes. Row types come from the generated database
// types; the constrained text columns are narrowed here.
import type { Tables } from './database.types';
import { PROPOSAL_KINDS, type PROPOSAL_STATUSES } from './kinds';
import { MAX_LENGTH, PATTERN } from './limits';
import type { StepView } from '$lib/wire/live.js';

export type { PresenterMessage, PresenterState, StepView } from '$lib/wire/live.js';

/** west, south, east, north (degrees). */
export type GeoBounds = [number, number, number, number];
/** The graph's visible model box: x1, y1, x2, y2. */
export type GraphBox = [number, number, number, number];

export type StoryRow = Tables<'stories'>;
export type StepRow = Omit<Tables<'story_steps'>, 'view'> & { view: StepView };
export type PresentationRow = Tables<'presentations'>;
export type RoundRow = Tables<'rounds'>;

export { PROPOSAL_KINDS };
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export type ProposalRow = Omit<Tables<'proposals'>, 'kind' | 'status'> & {
  kind: ProposalKind;
  status: ProposalStatus;
};
export type ModerationAction = 'hide' | 'show' | 'accept' | 'merge' | 'reject';

/** A proposal as the map and the graph draw it. */
export type ProposalMark = Pick<ProposalRow, 'id' | 'title' | 'kind' | 'municipality_code'>;

/** The proposals drawn on the map and in the graph: the open ones (not hidden, not yet decided). */
export function drawnProposals(proposals: readonly ProposalRow[]): ProposalMark[] {
  return proposals
    .filter((p) => p.status === 'open')
    .map(({ id, title, kind, municipality_code }) => ({ id, title, kind, municipality_code }));
}

export interface ProposalDraft {
  title: string;
  kind: ProposalKind;
  municipality_code: string | null;
  description: string;
  url: string;
}

export type ProposalError = 'title' | 'description' | 'url';

/** What is wrong with a draft (the database checks the same). */
export function proposalErrors(draft: ProposalDraft): ProposalError[] {
  const errors: ProposalError[] = [];
  const title = draft.title.trim();
  const max = MAX_LENGTH.proposals;
  if (title.length < 1 || title.length > max.title) errors.push('title');
  if (draft.description.length > max.description) errors.push('description');
  if (draft.url.trim() && !PATTERN.proposals.url.test(draft.url.trim())) errors.push('url');
  return errors;
}
