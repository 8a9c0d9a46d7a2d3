// A workshop over one map: the stories and their steps, the live presentation
// (presenting, or following the presenter with break-away), the round with its
// proposals and this person's votes, and moderation. Listens on the map page's
// live channel; rows are fetched through supabase-js (RLS applies).
/* eslint-disable svelte/prefer-svelte-reactivity -- lookups and bookkeeping, not UI state */
import type { DataClient } from '$lib/data/client';
import { DataError } from '$lib/data/errors';
import type { LiveChannel } from '$lib/data/live';
import * as repo from '$lib/data/workshop-repo';
import type {
  ModerationAction,
  PresentationRow,
  PresenterMessage,
  ProposalDraft,
  ProposalRow,
  RoundRow,
  StepRow,
  StepView,
  StoryRow
} from '$lib/domain/workshop';
import { parseViewState } from '$lib/explorer/url-state';
import { viewports } from '$lib/explorer/viewports';
import type { MessageKey } from '$lib/i18n/sv';
import { moveStep, nextPosition, stepView, viewKey } from '$lib/workshop/steps';
import type { ExplorerState } from './explorer.svelte';

export interface WorkshopDeps {
  mapId: string;
  explorer: ExplorerState;
  client: () => DataClient | null;
  userId: () => string | null;
}

const RELAY_MS = 150;

export class WorkshopState {
  #d: WorkshopDeps;
  #offs: (() => void)[] = [];
  #channel: LiveChannel | null = null;
  #appliedKey: string | null = null;
  #relayTimer: ReturnType<typeof setTimeout> | null = null;

  stories = $state.raw<StoryRow[]>([]);
  storyId = $state<string | null>(null);
  steps = $state.raw<StepRow[]>([]);
  /** The live presenter's last message (null: nobody presents). */
  presenter = $state.raw<PresenterMessage | null>(null);
  following = $state(true);
  brokeAway = $state(false);
  round = $state.raw<RoundRow | null>(null);
  proposals = $state.raw<ProposalRow[]>([]);
  myVotes = $state.raw<readonly string[]>([]);
  error = $state<MessageKey | null>(null);
  voteRefused = $state<string | null>(null);
  /** Presenting: the presentation row and the step shown. */
  presentation = $state.raw<PresentationRow | null>(null);
  stepIndex = $state(0);

  constructor(deps: WorkshopDeps) {
    this.#d = deps;
  }

  get live(): boolean {
    return this.presenter?.state != null;
  }
  /** Following and not broken away: the view is the presenter's. */
  get followingNow(): boolean {
    return this.live && this.following && !this.brokeAway;
  }
  get votesLeft(): number {
    return Math.max(0, (this.round?.vote_budget ?? 0) - this.myVotes.length);
  }

  /** Listens on the channel and loads what there is; returns the cleanup. */
  start(channel: LiveChannel): () => void {
    this.#channel = channel;
    this.#offs.push(
      channel.onPresenter((message) => {
        this.presenter = message.state ? message : null;
        if (message.state && this.following && !this.brokeAway) this.#applyView(message.state.view);
      }),
      channel.onChange((change) => {
        if (change.table === 'proposals' || change.table === 'votes') this.#queueProposal(change);
        else if (change.table === 'rounds') void this.#reloadRound();
        else if (change.table === 'story_steps' && this.storyId) void this.loadSteps(this.storyId);
        else if (change.table === 'stories') void this.loadStories();
      })
    );
    void this.loadStories();
    void this.#reloadRound();
    if (this.presentation) this.relay(); // presenting began before the channel was there
    return () => this.stop();
  }

  stop(): void {
    for (const off of this.#offs.splice(0)) off();
    if (this.#relayTimer) clearTimeout(this.#relayTimer);
  }

  async #run<T>(fn: (client: DataClient) => Promise<T>): Promise<T | null> {
    const client = this.#d.client();
    if (!client) return null;
    try {
      this.error = null;
      return await fn(client);
    } catch (error) {
      this.error = error instanceof DataError ? error.messageKey : 'error.unknown';
      return null;
    }
  }

  // ---- stories --------------------------------------------------------------------

  async loadStories(): Promise<void> {
    const stories = await this.#run((c) => repo.listStories(c, this.#d.mapId));
    if (!stories) return;
    this.stories = stories;
    if (!this.storyId && stories[0]) await this.selectStory(stories[0].id);
  }

  async selectStory(id: string | null): Promise<void> {
    this.storyId = id;
    this.steps = id ? await this.loadSteps(id) : [];
  }

  async loadSteps(storyId: string): Promise<StepRow[]> {
    const steps = (await this.#run((c) => repo.listSteps(c, storyId))) ?? [];
    if (storyId === this.storyId) this.steps = steps;
    return steps;
  }

  async createStory(title: string): Promise<void> {
    const story = await this.#run((c) => repo.createStory(c, this.#d.mapId, title));
    if (!story) return;
    this.stories = [...this.stories, story];
    await this.selectStory(story.id);
  }

  /** The view as it is now: the address and both cameras. */
  currentView(): StepView {
    return stepView(
      this.#d.explorer.view,
      viewports.map?.bounds() ?? null,
      viewports.graph?.bounds() ?? null
    );
  }

  async capture(title: string): Promise<void> {
    const storyId = this.storyId;
    if (!storyId) return;
    const step = await this.#run((c) =>
      repo.addStep(c, {
        map_id: this.#d.mapId,
        story_id: storyId,
        position: nextPosition(this.steps),
        title,
        view: this.currentView()
      })
    );
    if (step) this.steps = [...this.steps, step];
  }

  async editStep(id: string, patch: { title: string; narrative: string }): Promise<void> {
    const step = await this.#run((c) => repo.updateStep(c, id, patch));
    if (step) this.steps = this.steps.map((s) => (s.id === id ? step : s));
  }

  async deleteStep(id: string): Promise<void> {
    const done = await this.#run((c) => repo.deleteStep(c, id).then(() => true));
    if (done) this.steps = this.steps.filter((s) => s.id !== id);
  }

  async moveStep(from: number, to: number): Promise<void> {
    const { order, changed } = moveStep(this.steps, from, to);
    if (!changed.length) return;
    const byId = new Map(changed.map((c) => [c.id, c.position]));
    this.steps = order.map((s) => (byId.has(s.id) ? { ...s, position: byId.get(s.id)! } : s));
    await this.#run(async (c) => {
      for (const { id, position } of changed) await repo.updateStep(c, id, { position });
    });
  }

  // ---- presenting and following ---------------------------------------------------------

  /** Shows a saved view here: the address (filters, selection, …) and both cameras. */
  #applyView(view: StepView, animate = true): void {
    const explorer = this.#d.explorer;
    const parsed = parseViewState(new URLSearchParams(view.query));
    const own = explorer.view;
    const next = {
      ...parsed,
      mapId: own.mapId,
      camera: own.camera,
      panel: own.panel,
      list: own.list
    };
    this.#appliedKey = viewKey(next);
    explorer.showView(next);
    if (view.map) viewports.map?.fit(view.map, animate);
    if (view.graph) viewports.graph?.fit(view.graph, animate);
  }

  /** Called with every view change: one of this person's own breaks away from following. */
  noticeView(): void {
    if (!this.followingNow || this.#appliedKey === null) return;
    if (viewKey(this.#d.explorer.view) !== this.#appliedKey) this.brokeAway = true;
  }

  /** A pan or zoom of this person's own breaks away. */
  noticeMove(byUser: boolean): void {
    if (byUser && this.followingNow) this.brokeAway = true;
  }

  setFollowing(on: boolean): void {
    this.following = on;
    if (on) this.followAgain();
  }

  followAgain(): void {
    this.brokeAway = false;
    this.following = true;
    const state = this.presenter?.state;
    if (state) this.#applyView(state.view);
  }

  async startPresenting(storyId: string | null): Promise<void> {
    const row = await this.#run((c) => repo.startPresentation(c, this.#d.mapId, storyId));
    if (!row) return;
    this.presentation = row;
    if (storyId) await this.selectStory(storyId);
    this.goTo(0);
  }

  /** Shows step `index` (presenting) and tells the room. */
  goTo(index: number): void {
    const step = this.steps[index];
    this.stepIndex = index;
    if (step) this.#applyView(step.view);
    const presentation = this.presentation;
    if (presentation) void this.#run((c) => repo.setPresentationStep(c, presentation.id, index));
    this.relay();
  }

  /** Sends the presenter's view now and after moves (throttled). */
  relay(): void {
    if (!this.presentation || this.#relayTimer) return;
    this.#relayTimer = setTimeout(() => {
      this.#relayTimer = null;
      const presentation = this.presentation;
      if (!presentation) return;
      this.#channel?.present({
        presentation_id: presentation.id,
        story_id: presentation.story_id,
        step: this.stepIndex,
        view: this.currentView(),
        sent_at: Date.now()
      });
    }, RELAY_MS);
  }

  async stopPresenting(): Promise<void> {
    const presentation = this.presentation;
    this.presentation = null;
    this.#channel?.present(null);
    if (presentation) await this.#run((c) => repo.endPresentation(c, presentation.id));
  }

  // ---- rounds -------------------------------------------------------------------------

  async #reloadRound(): Promise<void> {
    const round = await this.#run((c) => repo.latestRound(c, this.#d.mapId));
    if (round === null && this.error) return;
    const changed = round?.id !== this.round?.id;
    this.round = round;
    if (!round) {
      this.proposals = [];
      this.myVotes = [];
    } else if (changed) {
      this.proposals = (await this.#run((c) => repo.listProposals(c, round.id))) ?? [];
      const me = this.#d.userId();
      this.myVotes = me ? ((await this.#run((c) => repo.myVotes(c, round.id, me))) ?? []) : [];
    }
  }

  #pending = new Set<string>();
  #batch: ReturnType<typeof setTimeout> | null = null;

  /** Proposals announced on the channel are fetched in small batches. */
  #queueProposal(change: { table: string; row_id: string; op: string }): void {
    if (change.table !== 'proposals') return; // vote counts arrive as proposal updates
    this.#pending.add(change.row_id);
    if (!this.#batch) this.#batch = setTimeout(() => void this.#fetchPending(), 30);
  }

  async #fetchPending(): Promise<void> {
    const ids = [...this.#pending];
    this.#pending.clear();
    this.#batch = null;
    const rows = await this.#run((c) => repo.fetchProposals(c, ids));
    if (!rows) return;
    const round = this.round;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const kept = this.proposals
      .filter((p) => !ids.includes(p.id) || byId.has(p.id))
      .map((p) => byId.get(p.id) ?? p);
    const known = new Set(kept.map((p) => p.id));
    const added = rows.filter((r) => !known.has(r.id) && r.round_id === round?.id);
    this.proposals = [...kept, ...added];
    if (rows.some((r) => r.round_id !== round?.id)) await this.#reloadRound();
  }

  async openRound(input: {
    question: string;
    theme: string | null;
    voteBudget: number;
    minutes: number | null;
  }): Promise<void> {
    const round = await this.#run((c) =>
      repo.openRound(c, {
        map_id: this.#d.mapId,
        question: input.question,
        theme: input.theme,
        vote_budget: input.voteBudget,
        closes_at: input.minutes
          ? new Date(Date.now() + input.minutes * 60_000).toISOString()
          : null,
        presentation_id: this.presentation?.id ?? null
      })
    );
    if (round) {
      this.round = round;
      this.proposals = [];
      this.myVotes = [];
    }
  }

  async closeRound(): Promise<void> {
    const round = this.round;
    if (!round) return;
    const closed = await this.#run((c) => repo.closeRound(c, round.id));
    if (closed) this.round = closed;
  }

  async propose(draft: ProposalDraft): Promise<boolean> {
    const round = this.round;
    const me = this.#d.userId();
    if (!round || !me) return false;
    const row = await this.#run((c) => repo.propose(c, this.#d.mapId, round.id, me, draft));
    if (!row) return false;
    if (!this.proposals.some((p) => p.id === row.id)) this.proposals = [...this.proposals, row];
    return true;
  }

  async vote(proposal: ProposalRow): Promise<void> {
    const me = this.#d.userId();
    const client = this.#d.client();
    if (!me || !client) return;
    this.voteRefused = null;
    try {
      await repo.vote(client, proposal, me);
      this.myVotes = [...this.myVotes, proposal.id];
    } catch {
      this.voteRefused = proposal.id; // the database said no (twice, or no votes left)
    }
  }

  async moderate(proposal: ProposalRow, action: ModerationAction, nodeId?: string): Promise<void> {
    const row = await this.#run((c) => repo.moderate(c, proposal.id, action, nodeId ?? null));
    if (row) this.proposals = this.proposals.map((p) => (p.id === row.id ? row : p));
  }
}
