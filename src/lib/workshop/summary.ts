// A round's summary: per municipality (all of the county's, including those
// where nothing was proposed) and the round's theme, the proposals, how many
// were accepted or merged, and the votes; as table rows for CSV and XLSX.
import { MUNICIPALITIES } from '$lib/domain/municipalities';
import type { ProposalRow } from '$lib/domain/workshop';

export interface SummaryRow {
  code: string | null;
  municipality: string;
  theme: string;
  proposals: number;
  placed: number;
  votes: number;
}

/** Hidden and rejected proposals are left out; `noMunicipality` names the row without one. */
export function roundSummary(
  proposals: readonly ProposalRow[],
  theme: string,
  noMunicipality: string
): SummaryRow[] {
  const counted = proposals.filter((p) => p.status !== 'hidden' && p.status !== 'rejected');
  const row = (code: string | null, municipality: string): SummaryRow => {
    const mine = counted.filter((p) => (p.municipality_code ?? null) === code);
    return {
      code,
      municipality,
      theme,
      proposals: mine.length,
      placed: mine.filter((p) => p.status === 'accepted' || p.status === 'merged').length,
      votes: mine.reduce((sum, p) => sum + p.votes, 0)
    };
  };
  const rows = MUNICIPALITIES.map((m) => row(m.code, m.name));
  const known = new Set<string>(MUNICIPALITIES.map((m) => m.code));
  const others = counted.filter((p) => !p.municipality_code || !known.has(p.municipality_code));
  if (others.length) rows.push({ ...row(null, noMunicipality), proposals: others.length });
  return rows;
}

/** The summary as a table: a header row, then one row per municipality. */
export function summaryTable(
  rows: readonly SummaryRow[],
  header: readonly string[]
): (string | number)[][] {
  return [
    [...header],
    ...rows.map((r) => [r.code ?? '', r.municipality, r.theme, r.proposals, r.placed, r.votes])
  ];
}
