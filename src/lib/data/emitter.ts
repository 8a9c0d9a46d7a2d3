// The one event emitter of the data layer (live channels, identities): typed by
// an event map, a set of listeners per event, `on` returns the unsubscribe.
export class Emitter<Events extends object> {
  #listeners: { [K in keyof Events]?: Set<(value: Events[K]) => void> } = {};

  on<K extends keyof Events>(event: K, listener: (value: Events[K]) => void): () => void {
    const listeners = (this.#listeners[event] ??= new Set());
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }

  emit<K extends keyof Events>(event: K, value: Events[K]): void {
    for (const listener of this.#listeners[event] ?? []) listener(value);
  }
}
