// Formula injection: a cell that starts with = + - @ (or a tab / carriage return)
// is run as a formula by Excel and LibreOffice when a CSV or XLSX is opened. On
// export such texts get a leading apostrophe, which makes them plain text; on
// import that apostrophe is removed again, so data round-trips unchanged.
// Plain numbers ("-12", "+3,5") are not formulas and are left alone.

const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?$/;

export function isFormulaLike(text: string): boolean {
  return text.length > 0 && TRIGGERS.has(text[0]!) && !PLAIN_NUMBER.test(text);
}

/** The text to write into a spreadsheet cell. */
export function neutraliseCell(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/** Undoes neutraliseCell on import: "'=SUMMA(A1)" → "=SUMMA(A1)". Other texts are unchanged. */
export function restoreCell(text: string): string {
  return text.startsWith("'") && isFormulaLike(text.slice(1)) ? text.slice(1) : text;
}
