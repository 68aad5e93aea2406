/**
 * The MAMS design's report section: the planned boundaries (a chart of the
 * efficacy and futility bounds on the z scale against cumulative patients
 * per arm, and the table with each bound's nominal p-value), the stopping
 * rule, and the family-wise error under the global null by integration.
 * Reads the summary key `mams` (describe.ts).
 */
import type { DesignSummary } from '../types.js';
import type { mamsSections, MamsPlanSection } from './sections.js';
import { esc, num, count, short } from '../../draw/escape.js';
import { COLOURS } from '../../draw/palette.js';
import { figure, linear, niceDomain, xAxis, yAxis, marker } from '../../draw/svg.js';

type MamsSummary = DesignSummary<typeof mamsSections>;

function boundaryChart(m: MamsPlanSection): string {
  const W = 560, H = 300, left = 60, right = W - 20, top = 20, bottom = H - 50;
  const xs = m.stages.map((st) => st.armPatients);
  const zs = m.stages.flatMap((st) => [st.efficacy, ...(st.futility === null ? [] : [st.futility])]);
  const x = linear(niceDomain(0, Math.max(...xs)), [left, right]);
  const y = linear(niceDomain(Math.min(0, ...zs), Math.max(...zs)), [bottom, top]);
  const line = (pts: [number, number][], colour: string) =>
    `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts.map(([a, b]) => `${x(a)},${y(b)}`).join(' ')}"/>`;
  const up = m.stages.map((st): [number, number] => [st.armPatients, st.efficacy]);
  const low = m.stages.flatMap((st): [number, number][] => (st.futility === null ? [] : [[st.armPatients, st.futility]]));
  const body = [
    xAxis(x, bottom, top, 'Cumulative patients per experimental arm', (v) => count(v)),
    yAxis(y, left, right, 'Bound (z scale)'),
    line(up, COLOURS.blue),
    ...up.map(([a, b], j) => marker('circle', x(a), y(b), COLOURS.blue, 4.5, false, `stage ${j + 1}: efficacy z ≥ ${num(b)}`)),
    low.length > 1 ? line(low, COLOURS.vermillion) : '',
    ...low.map(([a, b], j) => marker('square', x(a), y(b), COLOURS.vermillion, 4.5, false, `stage ${j + 1}: futility z ≤ ${num(b)}`)),
  ].join('');
  return figure('mams-boundaries', 'Efficacy (circles) and futility (squares) bounds by stage', W, H, body,
    'Planned bounds on the z scale: an arm at or above the upper line is declared effective, at or below the lower line dropped.');
}

export function boundariesSection(s: MamsSummary): string | null {
  const m = s.mams;
  const rows = m.stages.map((st) => `<tr><td>${st.stage}</td><td>${count(st.armPatients)}</td><td>${count(st.controlPatients)}</td><td>${num(st.efficacy)}</td><td>${short(st.efficacyP)}</td><td>${st.futility === null ? 'none' : num(st.futility)}</td></tr>`).join('');
  return [
    `<p>Planned: ${esc(m.boundaries)}. Stopping: ${esc(m.stopping)}${m.selection ? `; selection: ${esc(m.selection)}` : ''}. `,
    `Family-wise error under the global null, by integration (Magirr, Jaki &amp; Whitehead 2012): ${short(m.familywiseErrorUnderGlobalNull, 5)} (one-sided alpha ${short(m.alpha)}). `,
    `Maximum ${count(m.maximumPatients)} patients. True effects: ${esc(m.truth)}.</p>`,
    boundaryChart(m),
    '<table><thead><tr><th>Stage</th><th>Patients per arm (cumulative)</th><th>Control (cumulative)</th><th>Efficacy bound z</th><th>Nominal one-sided p</th><th>Futility bound z</th></tr></thead>',
    `<tbody>${rows}</tbody></table>`,
  ].join('');
}

/** The planned boundaries as a Markdown table for a protocol. */
export function boundariesMarkdown(s: MamsSummary): string | null {
  const m = s.mams;
  const rows = m.stages.map((st) => `| ${st.stage} | ${st.armPatients} | ${st.controlPatients} | ${num(st.efficacy)} | ${short(st.efficacyP)} | ${st.futility === null ? 'none' : num(st.futility)} |`);
  return [
    `Planned: ${m.boundaries}. Stopping: ${m.stopping}${m.selection ? `; selection: ${m.selection}` : ''}. Family-wise error under the global null, by integration (Magirr, Jaki & Whitehead 2012): ${short(m.familywiseErrorUnderGlobalNull, 5)} (one-sided alpha ${short(m.alpha)}). Maximum ${m.maximumPatients} patients. True effects: ${m.truth}.`,
    '',
    '| Stage | Patients per arm (cumulative) | Control (cumulative) | Efficacy bound z | Nominal one-sided p | Futility bound z |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}
