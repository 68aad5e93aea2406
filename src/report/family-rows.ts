/**
 * The family outputs of a summary as rows a report prints: one line per
 * family quantity (rates with MCSE and Wilson interval, means with MCSE),
 * in the words a trialist uses. Shared by the HTML and Markdown reports.
 */
import type { FamilySummary, RateSummary, MeanSummary } from '../summary/families.js';

export type FamilyRow =
  | { what: string; kind: 'rate'; value: RateSummary }
  | { what: string; kind: 'mean'; value: MeanSummary };

export function familyRows(f: FamilySummary): FamilyRow[] {
  const rows: FamilyRow[] = [{ what: 'At least one hypothesis rejected', kind: 'rate', value: f.anyRejected }];
  const rate = (what: string, value: RateSummary | null) => { if (value) rows.push({ what, kind: 'rate', value }); };
  const mean = (what: string, value: MeanSummary | null) => { if (value) rows.push({ what, kind: 'mean', value }); };
  rate(`Family-wise error: a true null rejected (true nulls: ${f.trueNulls?.join(', ')})`, f.familywiseError);
  rate('Disjunctive power: at least one false null rejected', f.disjunctivePower);
  rate('Conjunctive power: every false null rejected', f.conjunctivePower);
  mean('Expected number of false rejections', f.falseRejections);
  mean('Expected number of true rejections', f.trueRejections);
  if (f.best) rate(`Truly best hypothesis (${f.best.id}) rejected`, f.best.rejected);
  for (const s of f.selections) rate(`${s.label}: the truly best chosen`, s.best);
  return rows;
}

/** Families whose truth is unknown say so, rather than showing no error rate. */
export function familyNote(f: FamilySummary): string {
  return f.trueNulls === null
    ? 'Which nulls are true is not known for every hypothesis here, so the error rates and powers that need it are not given.'
    : f.trueNulls.length === 0 ? 'Every null hypothesis in this family is false: no family-wise error is possible.' : '';
}
