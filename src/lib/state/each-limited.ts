// Many writes, a few at a time (a bulk change and its undo).

/** Runs `work` on every item, at most `limit` at a time; resolves when all are done. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
}
