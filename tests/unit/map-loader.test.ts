import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '$lib/data/config';
import type { DataClient } from '$lib/data/client';
import { DataError } from '$lib/data/errors';
import type { Dataset } from '$lib/domain/model';
import { MapLoader, loadErrorMessage, type MapLoaderDeps } from '$lib/state/map-loader.svelte';
import { makeDataset } from './factories';

const config = { mode: 'local', supabaseUrl: 'http://stack.test', anonKey: 'anon' } as const;
const client = {} as DataClient;

function deps(overrides: Partial<MapLoaderDeps> = {}): MapLoaderDeps {
  return {
    loadConfig: async () => config,
    createClient: () => client,
    loadMap: async () => makeDataset(),
    ...overrides
  };
}

describe('MapLoader', () => {
  it('starts loading and ends ready with the dataset', async () => {
    const dataset = makeDataset();
    const loader = new MapLoader('m1', deps({ loadMap: async () => dataset }));
    const pending = loader.load();
    expect(loader.status).toBe('loading');
    await pending;
    expect(loader.status).toBe('ready');
    expect(loader.dataset).toBe(dataset);
    expect(loader.errorKey).toBeNull();
  });

  it('shows the unreachable-server message and recovers on retry, creating the client once', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const loadConfig = vi
      .fn<MapLoaderDeps['loadConfig']>()
      .mockRejectedValueOnce(new ConfigError('unreachable', 'down'))
      .mockResolvedValue(config);
    const createClient = vi.fn(() => client);
    const loader = new MapLoader('m1', deps({ loadConfig, createClient }));

    await loader.load();
    expect(loader.status).toBe('error');
    expect(loader.errorKey).toBe('error.config.unreachable');

    const retry = loader.load();
    expect(loader.status).toBe('loading');
    expect(loader.errorKey).toBe('error.config.unreachable'); // kept while retrying
    await retry;
    expect(loader.status).toBe('ready');
    expect(loader.errorKey).toBeNull();

    await loader.load();
    expect(createClient).toHaveBeenCalledTimes(1);
  });

  it('ignores the result of a load that was superseded or disposed', async () => {
    let resolveFirst: (d: Dataset) => void = () => {};
    const first = makeDataset();
    const second = makeDataset();
    const loadMap = vi
      .fn<MapLoaderDeps['loadMap']>()
      .mockImplementationOnce(() => new Promise((resolve) => (resolveFirst = resolve)))
      .mockResolvedValueOnce(second);
    const loader = new MapLoader('m1', deps({ loadMap }));

    const stale = loader.load();
    await vi.waitFor(() => expect(loadMap).toHaveBeenCalledTimes(1));
    await loader.load();
    resolveFirst(first);
    await stale;
    expect(loader.dataset).toBe(second);

    loader.dispose();
    expect(loadMap.mock.calls[0]?.[2].aborted).toBe(true);
  });
});

describe('loadErrorMessage', () => {
  it('uses the message key of typed errors and a generic one otherwise', () => {
    expect(loadErrorMessage(new DataError('not_found', 'x'))).toBe('error.notFound');
    expect(loadErrorMessage(new ConfigError('invalid', 'x'))).toBe('error.config.invalid');
    expect(loadErrorMessage(new Error('x'))).toBe('error.unknown');
  });
});
