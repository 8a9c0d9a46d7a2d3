// @ts-check
// The checks every seed file shares: one item's fields read with its errors
// collected (prefixed with where the item is), lists of items, dates.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** @param {unknown} v @returns {v is Record<string, unknown>} */
export const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** @param {unknown} v */
const isNonEmptyString = (v) => typeof v === 'string' && v.trim().length > 0;

/** @param {string} s */
export function isValidDate(s) {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/**
 * Collects errors about one item, each prefixed with where it is.
 */
export class ItemContext {
  /**
   * @param {string[]} errors
   * @param {string} where
   * @param {Record<string, unknown>} item
   */
  constructor(errors, where, item) {
    this.errors = errors;
    this.where = where;
    this.item = item;
  }

  /** @param {string} message */
  error(message) {
    this.errors.push(`${this.where}: ${message}`);
  }

  /** @param {readonly string[]} allowed */
  onlyKeys(allowed) {
    for (const k of Object.keys(this.item)) {
      if (!allowed.includes(k)) this.error(`unknown field "${k}"`);
    }
  }

  /** @param {string} field @returns {string} */
  requiredString(field) {
    const v = this.item[field];
    if (!isNonEmptyString(v)) {
      this.error(`missing or empty "${field}"`);
      return '';
    }
    return /** @type {string} */ (v).trim();
  }

  /** @param {string} field @returns {string | null} */
  optionalString(field) {
    const v = this.item[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') {
      this.error(`"${field}" must be text`);
      return null;
    }
    return v.trim();
  }

  /** @param {string} field @returns {number | null} */
  optionalNumber(field) {
    const v = this.item[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.error(`"${field}" must be a number`);
      return null;
    }
    return v;
  }

  /** @param {string} field @param {Set<string>} themeKeys @returns {string[]} */
  themes(field, themeKeys) {
    const v = this.item[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.error(`"${field}" must be a list of theme keys`);
      return [];
    }
    /** @type {string[]} */
    const out = [];
    for (const t of v) {
      if (typeof t !== 'string' || !themeKeys.has(t)) this.error(`unknown theme "${String(t)}"`);
      else if (out.includes(t)) this.error(`theme "${t}" listed twice`);
      else out.push(t);
    }
    return out;
  }
}

/**
 * @param {unknown} doc
 * @param {string} path
 * @param {string[]} errors
 * @returns {Record<string, unknown>[]}
 */
export function asItemList(doc, path, errors) {
  if (doc === null || doc === undefined) return [];
  if (!Array.isArray(doc)) {
    errors.push(`${path}: expected a list of items`);
    return [];
  }
  /** @type {Record<string, unknown>[]} */
  const items = [];
  doc.forEach((item, i) => {
    if (isObject(item)) items.push(item);
    else errors.push(`${path}: item ${i + 1}: expected a mapping`);
  });
  return items;
}

/**
 * @param {string} path
 * @param {number} index
 * @param {Record<string, unknown>} item
 * @param {string} [label]
 */
export function where(path, index, item, label = 'key') {
  const k = item[label];
  return `${path}: item ${index + 1}${typeof k === 'string' ? ` ("${k}")` : ''}`;
}
