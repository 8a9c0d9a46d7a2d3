// @ts-check
/**
 * A failure the person starting the stack can act on: what went wrong and
 * what to do about it, in plain words (Swedish first, then English).
 */
export class StackError extends Error {
  /**
   * @param {string} message what went wrong
   * @param {string} hint what to do about it
   * @param {{ cause?: unknown }} [options]
   */
  constructor(message, hint, options) {
    super(message, options);
    this.name = 'StackError';
    this.hint = hint;
  }
}
