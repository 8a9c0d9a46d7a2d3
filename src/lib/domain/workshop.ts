// Workshops: stories (ordered saved views with a narrative), the presenter's live
// view, rounds, proposals and votes. Row types come from the generated database
// types; the constrained text columns are narrowed here.
import type { Tables } from '$lib/data/database.types';

/** west, south, east, north (degrees). */
export type GeoBounds = [number, number, number, number];
/** The graph's visible model box: x1, y1, x2, y2. */
export type GraphBox = [number, number, number, number];

/** A saved view: the explorer's query string (without the camera) and both cameras. */
export interface StepView {
  query: string;
  map: GeoBounds | null;
  graph: GraphBox | null;
}

export type StoryRow = Tables<'stories'>;
export type StepRow = Omit<Tables<'story_steps'>, 'view'> & { view: StepView };
export type PresentationRow = Tables<'presentations'>;
export type RoundRow = Tables<'rounds'>;

export const PROPOSAL_KINDS = ['organisation', 'network', 'project', 'resource', 'event'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
export const PROPOSAL_STATUSES = ['open', 'hidden', 'accepted', 'merged', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export type ProposalRow = Omit<Tables<'proposals'>, 'kind' | 'status'> & {
  kind: ProposalKind;
  status: ProposalStatus;
};
export type ModerationAction = 'hide' | 'show' | 'accept' | 'merge' | 'reject';

/** What a presenter relays live: the step and the whole view, both cameras included. */
export interface PresenterState {
  presentation_id: string;
  story_id: string | null;
  /** Index of the step shown (0-based); -1 = the free map, no story step. */
  step: number;
  view: StepView;
  /** When the presenter sent it (ms since the epoch; for latency measurements). */
  sent_at: number;
}

/** A presenter's message as it reaches the others (state null = the presentation ended). */
export interface PresenterMessage {
  user_id: string | null;
  display_name: string;
  state: PresenterState | null;
}

const HTTPS = /^https:\/\/[^\s]+$/i;

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
  if (title.length < 1 || title.length > 200) errors.push('title');
  if (draft.description.length > 1000) errors.push('description');
  if (draft.url.trim() && !HTTPS.test(draft.url.trim())) errors.push('url');
  return errors;
}
