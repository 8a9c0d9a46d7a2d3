// The undo/redo history of one's own edits: a bounded stack; a new edit clears redo.
export class UndoStack<T> {
  #done: T[] = [];
  #undone: T[] = [];
  constructor(readonly limit = 50) {}

  get canUndo(): boolean {
    return this.#done.length > 0;
  }
  get canRedo(): boolean {
    return this.#undone.length > 0;
  }
  get size(): number {
    return this.#done.length;
  }
  peekUndo(): T | undefined {
    return this.#done.at(-1);
  }
  peekRedo(): T | undefined {
    return this.#undone.at(-1);
  }

  push(entry: T): void {
    this.#done.push(entry);
    if (this.#done.length > this.limit) this.#done.shift();
    this.#undone = [];
  }

  /** Takes the last edit to undo; call `undone(entry)` when it worked, `restore` when not. */
  takeUndo(): T | undefined {
    return this.#done.pop();
  }
  undone(entry: T): void {
    this.#undone.push(entry);
  }
  takeRedo(): T | undefined {
    return this.#undone.pop();
  }
  redone(entry: T): void {
    this.#done.push(entry);
  }
  /** Puts an entry back where it was taken from (the undo or redo failed). */
  putBack(entry: T, from: 'undo' | 'redo'): void {
    (from === 'undo' ? this.#done : this.#undone).push(entry);
  }
}

/** Whether a key press is undo/redo (Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl+Y) outside text fields. */
export function undoKey(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'target'>
): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const target = event.target as { tagName?: string; isContentEditable?: boolean } | null;
  const tag = target?.tagName?.toLowerCase();
  if (tag === 'input' || tag === 'textarea' || tag === 'select' || target?.isContentEditable) {
    return null;
  }
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return null;
}
