/**
 * Checks of the enrichment design's interim selection: every rule has its
 * parameter; thresholds a measure can reach; r no more than the
 * populations; a rule table naming only populations there are, with rows
 * that can match; conditional power only where it is defined.
 */
import type { ScenarioIssue } from '../../scenario/errors.js';
import { didYouMean } from '../../scenario/zod-issues.js';
import type { EnrichmentScenario } from './schema.js';
import { subpopulationId, subpopulationSpecs } from './setup.js';

type Path = (string | number)[];
const at = (...p: Path): Path => ['design', 'selection', ...p];

export function checkSelection(s: EnrichmentScenario): ScenarioIssue[] {
  const d = s.design, sel = d.selection;
  const populations = ['F', ...subpopulationSpecs(d).map((_, k) => subpopulationId(d, k))];
  const issues: ScenarioIssue[] = [];
  const need = (key: 'epsilon' | 'threshold' | 'r' | 'table', words: string) => { if (sel[key] === undefined) issues.push({ path: at(key), message: `the ${sel.rule} rule needs ${key}: ${words}` }); };
  if (sel.rule === 'epsilon') need('epsilon', 'the tolerance on the measure\'s scale');
  if (sel.rule === 'threshold') need('threshold', 'the least measure a population needs to go on');
  if (sel.rule === 'r-best') need('r', 'how many populations go on');
  if (sel.rule === 'table') need('table', 'rows of conditions on the interim measures and the populations to select');
  if (sel.rule === 'r-best' && sel.r !== undefined && sel.r > populations.length) issues.push({ path: at('r'), message: `expected at most the number of populations (${populations.length}: ${populations.join(', ')}), found ${sel.r}` });
  if (sel.measure === 'conditional-power' && d.combination === 'fisher' && d.stages.length > 2) issues.push({ path: at('measure'), message: 'conditional power of Fisher\'s combination is offered for two stages: use the inverse normal combination or another measure' });
  issues.push(...checkThreshold(s), ...checkTable(s, populations));
  return issues;
}

/** The largest value a measure can take (a threshold at or above it never selects). */
function measureLimit(s: EnrichmentScenario): { most: number; words: string } {
  const m = s.design.selection.measure;
  if (m === 'conditional-power') return { most: 1 + 1e-12, words: 'conditional power is a probability' };
  if (m === 'statistic') return { most: 37, words: 'z statistics stay below 37' };
  return s.endpoint?.type === 'binary' ? { most: 1, words: 'risk differences stay below 1' } : { most: Infinity, words: '' };
}

function checkThreshold(s: EnrichmentScenario): ScenarioIssue[] {
  const sel = s.design.selection;
  if (sel.rule !== 'threshold' || sel.threshold === undefined) return [];
  if (sel.measure === 'conditional-power' && !(sel.threshold >= 0 && sel.threshold <= 1)) {
    return [{ path: at('threshold'), message: `conditional power is a probability: expected a threshold from 0 to 1, found ${sel.threshold}` }];
  }
  const { most } = measureLimit(s);
  if (sel.threshold >= most) return [{ path: at('threshold'), message: `a threshold of ${sel.threshold} can never be reached (${sel.measure === 'statistic' ? 'z statistics' : 'risk differences'} stay below ${most}): no population would ever be selected` }];
  return [];
}

function checkTable(s: EnrichmentScenario, populations: string[]): ScenarioIssue[] {
  const sel = s.design.selection;
  const issues: ScenarioIssue[] = [];
  const name = (id: string, path: Path) => { if (!populations.includes(id)) issues.push({ path, message: `expected a population (${populations.join(', ')}), found "${id}"${didYouMean(id, populations)}` }); };
  const { most, words } = measureLimit(s);
  (sel.table ?? []).forEach((row, j) => {
    Object.entries(row.when).forEach(([id, r]) => {
      name(id, at('table', j, 'when', id));
      if (r.above !== undefined && r.below !== undefined && r.above >= r.below) issues.push({ path: at('table', j, 'when', id), message: `the row can never match: above (${r.above}) must be below below (${r.below})` });
      else if (r.above !== undefined && r.above >= most) issues.push({ path: at('table', j, 'when', id, 'above'), message: `the row can never match: ${words}, found above: ${r.above}` });
    });
    row.select.forEach((id, k) => name(id, at('table', j, 'select', k)));
  });
  (sel.otherwise ?? []).forEach((id, k) => name(id, at('otherwise', k)));
  if (sel.rule !== 'table' && (sel.table || sel.otherwise)) issues.push({ path: at('table'), message: `a table applies to rule: table, found rule: ${sel.rule}` });
  return issues;
}
