import { describe, expect, it } from 'vitest';
import { Emitter } from '$lib/data/emitter';

describe('Emitter', () => {
  it('calls the listeners of one event with its value, until they unsubscribe', () => {
    const emitter = new Emitter<{ status: string; resync: undefined }>();
    const statuses: string[] = [];
    let resyncs = 0;
    const off = emitter.on('status', (s) => statuses.push(s));
    emitter.on('status', (s) => statuses.push(`again ${s}`));
    emitter.on('resync', () => resyncs++);
    emitter.emit('status', 'open');
    off();
    emitter.emit('status', 'closed');
    emitter.emit('resync', undefined);
    expect(statuses).toEqual(['open', 'again open', 'again closed']);
    expect(resyncs).toBe(1);
  });

  it('does nothing for an event nobody listens to', () => {
    const emitter = new Emitter<{ change: number }>();
    expect(() => emitter.emit('change', 1)).not.toThrow();
  });
});
