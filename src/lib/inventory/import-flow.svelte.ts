// The import as the user goes through it: pick a file → it is read and checked
// (with progress) → a preview with every problem and the merge/skip choices →
// confirm → sent (in parts when large) and written in one transaction, with the
// progress the writer reports → done, or a message and nothing written. The
// parsing, checking, planning and writing are lib/io's; this only sequences.
import { SvelteMap } from 'svelte/reactivity';
import type { DataClient } from '$lib/data/client';
import type { Dataset } from '$lib/domain/model';
import type { MessageKey } from '$lib/i18n/sv';
import type { Locale, MessageParams } from '$lib/i18n/translate';
import { applyImport, payloadRows, type ImportResult } from '$lib/io/apply';
import type { EncodingChoice } from '$lib/io/encoding';
import { readImport, type ImportFile } from '$lib/io/import';
import type { MatchDecision } from '$lib/io/match';
import { buildImportPlan, type ImportPlan } from '$lib/io/plan';
import { ImportFileError, type ParsedImport, type ProgressCallback } from '$lib/io/types';

export type ImportStage = 'idle' | 'reading' | 'preview' | 'saving' | 'done';
export type Progress = Parameters<ProgressCallback>[0];

export interface ImportMessage {
  messageKey: MessageKey;
  params: MessageParams;
}

export interface ImportFlowDeps {
  dataset(): Dataset | null;
  read?: typeof readImport;
  apply?: typeof applyImport;
  /** The municipality codes indicators may be imported for (Sweden's). */
  municipalityCodes?: () => Promise<ReadonlySet<string>>;
}

/** How many items a plan would write. */
export function planSize(plan: ImportPlan): number {
  return payloadRows(plan.payload);
}

export class ImportFlow {
  #deps: ImportFlowDeps;
  #stage = $state<ImportStage>('idle');
  #progress = $state.raw<Progress | null>(null);
  #parsed = $state.raw<ParsedImport | null>(null);
  #error = $state.raw<ImportMessage | null>(null);
  #result = $state.raw<ImportResult | null>(null);
  #fileName = $state('');
  readonly decisions = new SvelteMap<number, MatchDecision>();

  constructor(deps: ImportFlowDeps) {
    this.#deps = deps;
  }

  get stage(): ImportStage {
    return this.#stage;
  }
  get progress(): Progress | null {
    return this.#progress;
  }
  get error(): ImportMessage | null {
    return this.#error;
  }
  get result(): ImportResult | null {
    return this.#result;
  }
  get fileName(): string {
    return this.#fileName;
  }

  /** The plan against the map as it is now, with the user's merge/skip choices. */
  readonly plan: ImportPlan | null = $derived.by(() => {
    const dataset = this.#deps.dataset();
    if (!this.#parsed || !dataset) return null;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a plain snapshot for the pure planner
    const decisions = new Map(this.decisions);
    return buildImportPlan(dataset, this.#parsed, { decisions });
  });

  /** Importera is possible: a plan without errors that writes something. */
  get canConfirm(): boolean {
    return (
      this.#stage === 'preview' && !!this.plan && !this.plan.blocked && planSize(this.plan) > 0
    );
  }

  async read(files: ImportFile[], encoding: EncodingChoice, locale: Locale): Promise<void> {
    const dataset = this.#deps.dataset();
    if (!dataset || this.#stage === 'reading' || this.#stage === 'saving') return;
    this.reset();
    this.#fileName = files.map((f) => f.name).join(', ');
    this.#stage = 'reading';
    this.#progress = { phase: 'reading', done: 0, total: 1 };
    try {
      const read = this.#deps.read ?? readImport;
      // Without Sweden's codes (the file did not load) the county's are known.
      const municipalityCodes = await this.#deps.municipalityCodes?.().catch(() => undefined);
      this.#parsed = await read(files, dataset, {
        encoding,
        locale,
        municipalityCodes,
        onProgress: (p) => (this.#progress = p)
      });
      this.#stage = 'preview';
    } catch (error) {
      this.#error =
        error instanceof ImportFileError
          ? { messageKey: error.messageKey, params: error.params }
          : { messageKey: 'io.apply.failed', params: {} };
      if (!(error instanceof ImportFileError)) console.error('Regionkartan: import failed', error);
      this.#stage = 'idle';
    } finally {
      this.#progress = null;
    }
  }

  decide(index: number, decision: MatchDecision): void {
    this.decisions.set(index, decision);
  }

  /** Writes the plan in one transaction; true when it was saved. */
  async confirm(client: DataClient, mapId: string): Promise<boolean> {
    const plan = this.plan;
    if (!plan || !this.canConfirm) return false;
    this.#stage = 'saving';
    this.#error = null;
    const apply = this.#deps.apply ?? applyImport;
    const outcome = await apply(client, mapId, plan, (p) => (this.#progress = p));
    this.#progress = null;
    if (!outcome.ok) {
      this.#error = { messageKey: outcome.messageKey, params: {} };
      this.#stage = 'preview';
      return false;
    }
    this.#result = outcome.result;
    this.#parsed = null;
    this.#stage = 'done';
    return true;
  }

  reset(): void {
    this.#stage = 'idle';
    this.#parsed = null;
    this.#error = null;
    this.#result = null;
    this.#progress = null;
    this.#fileName = '';
    this.decisions.clear();
  }
}
