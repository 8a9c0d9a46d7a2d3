// The save of an import as ImportFlow shows it: each phase the writer reports
// (parts sent, then the one transaction with its start time) is the flow's
// progress while it lasts; afterwards there is no progress, and either the
// result or the message with the preview kept for another try.
import { describe, expect, it } from 'vitest';
import type { DataClient } from '$lib/data/client';
import { DataError } from '$lib/data/errors';
import { ImportFlow } from '$lib/inventory/import-flow.svelte';
import type { ApplyResult, applyImport } from '$lib/io/apply';
import type { ParsedImport, ProgressCallback } from '$lib/io/types';
import { makeDataset } from './factories';
import { importedNode } from './fixtures/io-dataset';

const client = {} as DataClient;

const parsed = (): ParsedImport => ({
  format: 'csv',
  encoding: 'utf-8',
  themes: [],
  nodes: ['Ett', 'Två', 'Tre'].map((title) => importedNode({ title, kind: 'network' })),
  relations: [],
  indicators: [],
  map: null,
  problems: []
});

/** An apply whose progress and outcome the test drives step by step. */
function controlledApply() {
  let report: ProgressCallback = () => {};
  let finish: (result: ApplyResult) => void = () => {};
  let calls = 0;
  const apply = ((_client, _map, _plan, onProgress) => {
    calls++;
    report = onProgress ?? (() => {});
    return new Promise<ApplyResult>((resolve) => (finish = resolve));
  }) as typeof applyImport;
  return {
    apply,
    report: (p: Parameters<ProgressCallback>[0]) => report(p),
    finish: (result: ApplyResult) => finish(result),
    calls: () => calls
  };
}

async function previewed(apply: typeof applyImport) {
  const dataset = makeDataset();
  const flow = new ImportFlow({ dataset: () => dataset, read: async () => parsed(), apply });
  await flow.read([{ name: 'noder.csv', bytes: new Uint8Array() }], 'auto', 'sv');
  expect(flow.stage).toBe('preview');
  return { flow, mapId: dataset.map.id };
}

describe('ImportFlow while saving', () => {
  it('shows each phase the writer reports, then the result and no progress', async () => {
    const control = controlledApply();
    const { flow, mapId } = await previewed(control.apply);
    const saving = flow.confirm(client, mapId);
    expect(flow.stage).toBe('saving');
    expect(flow.canConfirm).toBe(false);
    expect(await flow.confirm(client, mapId)).toBe(false); // no second save meanwhile
    expect(control.calls()).toBe(1);

    control.report({ phase: 'sending', done: 0, total: 2 });
    expect(flow.progress).toEqual({ phase: 'sending', done: 0, total: 2 });
    control.report({ phase: 'sending', done: 2, total: 2 });
    expect(flow.progress).toEqual({ phase: 'sending', done: 2, total: 2 });
    control.report({ phase: 'writing', rows: 3, since: 1234 });
    expect(flow.progress).toEqual({ phase: 'writing', rows: 3, since: 1234 });
    expect(flow.stage).toBe('saving');

    const result = { themes: 0, nodes: 3, updated: 0, relations: 0, indicators: 0, node_ids: {} };
    control.finish({ ok: true, result });
    expect(await saving).toBe(true);
    expect(flow.progress).toBeNull();
    expect(flow.stage).toBe('done');
    expect(flow.result).toEqual(result);
  });

  it('a failed save clears the progress, says why and keeps the preview for another try', async () => {
    const control = controlledApply();
    const { flow, mapId } = await previewed(control.apply);
    const saving = flow.confirm(client, mapId);
    control.report({ phase: 'writing', rows: 3, since: 1 });
    control.finish({
      ok: false,
      error: new DataError('unknown', 'serialization failure', '40001'),
      messageKey: 'io.apply.conflict'
    });
    expect(await saving).toBe(false);
    expect(flow.progress).toBeNull();
    expect(flow.stage).toBe('preview');
    expect(flow.error).toEqual({ messageKey: 'io.apply.conflict', params: {} });
    expect(flow.plan?.summary.nodesNew).toBe(3);
    expect(flow.canConfirm).toBe(true);
  });
});
