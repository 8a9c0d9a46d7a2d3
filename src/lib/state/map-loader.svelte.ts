// Loads one map for display: config → client → dataset, with a cancellable
// request and a retry. Components read status, dataset and errorKey.
import { ConfigError, loadRuntimeConfig, type RuntimeConfig } from '$lib/data/config';
import { createDataClient, type DataClient } from '$lib/data/client';
import { DataError } from '$lib/data/errors';
import { loadMap } from '$lib/data/repository';
import type { Dataset } from '$lib/domain/model';
import type { MessageKey } from '$lib/i18n/sv';
import { appSession } from './session.svelte';

export type LoadStatus = 'loading' | 'ready' | 'error';

export interface MapLoaderDeps {
  loadConfig: (signal: AbortSignal) => Promise<RuntimeConfig>;
  createClient: (config: RuntimeConfig) => DataClient;
  loadMap: (client: DataClient, mapId: string, signal: AbortSignal) => Promise<Dataset>;
}

// The session's client (with the signed-in user's token) once it exists; RLS then
// shows a private map to its members too.
const defaultDeps: MapLoaderDeps = {
  loadConfig: async (signal) => {
    const ready = await appSession.init().catch(() => null);
    return ready?.config ?? loadRuntimeConfig(fetch, signal);
  },
  createClient: (config) => appSession.dataClient ?? createDataClient(config),
  loadMap
};

/** The user-facing message for a failed load. */
export function loadErrorMessage(error: unknown): MessageKey {
  if (error instanceof ConfigError || error instanceof DataError) return error.messageKey;
  return 'error.unknown';
}

export class MapLoader {
  readonly mapId: string;
  #deps: MapLoaderDeps;
  #client: DataClient | null = null;
  #controller: AbortController | null = null;

  #status = $state<LoadStatus>('loading');
  #dataset = $state.raw<Dataset | null>(null);
  #errorKey = $state<MessageKey | null>(null);

  constructor(mapId: string, deps: MapLoaderDeps = defaultDeps) {
    this.mapId = mapId;
    this.#deps = deps;
  }

  get status(): LoadStatus {
    return this.#status;
  }
  get dataset(): Dataset | null {
    return this.#dataset;
  }
  /** Set after a failure; kept while a retry runs so the message does not flicker. */
  get errorKey(): MessageKey | null {
    return this.#errorKey;
  }

  async load(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#status = 'loading';
    try {
      this.#client ??= this.#deps.createClient(await this.#deps.loadConfig(controller.signal));
      const dataset = await this.#deps.loadMap(this.#client, this.mapId, controller.signal);
      if (controller.signal.aborted) return;
      this.#dataset = dataset;
      this.#errorKey = null;
      this.#status = 'ready';
    } catch (error) {
      if (controller.signal.aborted) return;
      console.error('Regionkartan: the map could not be loaded', error);
      this.#errorKey = loadErrorMessage(error);
      this.#status = 'error';
    }
  }

  /** Cancels a running load (on unmount). */
  dispose(): void {
    this.#controller?.abort();
    this.#controller = null;
  }
}
