/**
 * The platform design's report sections: the timeline (a Gantt chart of the
 * planned entry and exit of every arm with the simulated mean entry and exit
 * marked, and a sample-size table per arm), and the analyses compared (per
 * arm and analysis: rejection rate at the design's level, bias against the
 * true concurrent effect, coverage, root mean squared error, and the control
 * patients used). Reads the summary key `platform` (describe.ts), the metrics
 * and the hypotheses and estimates of the summary.
 */
import type { DesignSummary } from '../types.js';
import type { platformSections, PlatformPlanSection } from './sections.js';
import { esc, num, pct, count } from '../../draw/escape.js';
import { COLOURS, seriesColour } from '../../draw/palette.js';
import { figure, linear, niceDomain, xAxis, marker } from '../../draw/svg.js';
import { comparisonId } from './layout.js';

type PlatformSummary = DesignSummary<typeof platformSections>;

const metricMean = (s: PlatformSummary, id: string): number | null => s.metrics.find((m) => m.id === id)?.mean ?? null;
const metricSd = (s: PlatformSummary, id: string): number | null => s.metrics.find((m) => m.id === id)?.sd ?? null;

function gantt(s: PlatformSummary, p: PlatformPlanSection): string {
  const W = 640, left = 110, right = W - 20, top = 20, row = 28;
  const rows = [p.control, ...p.arms.map((a) => a.name)];
  const H = top + rows.length * row + 50;
  const bottom = top + rows.length * row;
  const ends = p.arms.map((a) => metricMean(s, `exit:${a.name}`) ?? 0);
  const x = linear(niceDomain(0, Math.max(p.duration, metricMean(s, 'duration') ?? 0, ...ends)), [left, right]);
  const y = (j: number) => top + j * row + row / 2;
  const bar = (from: number, to: number, j: number, colour: string, tip: string) =>
    `<rect class="mark" x="${x(from)}" y="${y(j) - 8}" width="${Math.max(1, x(to) - x(from))}" height="16" fill="${colour}" fill-opacity="0.35" stroke="${colour}"><title>${esc(tip)}</title></rect>`;
  const body = [
    xAxis(x, bottom, top, 'Calendar time', (v) => num(v, 1)),
    ...rows.map((name, j) => `<text x="${left - 8}" y="${y(j) + 4}" text-anchor="end" font-size="12">${esc(name)}</text>`),
    bar(0, p.duration, 0, COLOURS.grey, `${p.control} (planned): open from 0 to ${num(p.duration, 2)}, ${count(p.controlPatients)} patients`),
    ...p.arms.map((a, k) => (a.entry === null || a.exit === null ? ''
      : bar(a.entry, a.exit, k + 1, seriesColour(k), `${a.name} (planned): from ${num(a.entry, 2)} to ${num(a.exit, 2)}, ${count(a.patients)} patients`))),
    ...p.arms.flatMap((a, k) => {
      const entry = metricMean(s, `entry:${a.name}`), exit = metricMean(s, `exit:${a.name}`);
      return entry === null || exit === null ? [] : [
        marker('diamond', x(entry), y(k + 1), COLOURS.black, 4.5, false, `${a.name}: simulated mean entry ${num(entry, 2)}`),
        marker('diamond', x(exit), y(k + 1), COLOURS.black, 4.5, true, `${a.name}: simulated mean exit ${num(exit, 2)}`),
      ];
    }),
  ].join('');
  return figure('platform-timeline', 'Arms over calendar time: planned (bars) and simulated mean entry and exit (diamonds)', W, H, body,
    'Bars: the planned timeline (expected recruitment, every arm to its size). Filled diamonds: simulated mean entry; open diamonds: simulated mean exit.');
}

interface ArmRow {
  name: string; entry: string; exit: string; planned: string; simulated: string; graduated: string; futility: string; cut: string;
}

function armRows(s: PlatformSummary, p: PlatformPlanSection): ArmRow[] {
  const share = (id: string) => pct(metricMean(s, id));
  return [
    { name: p.control, entry: num(0, 2), exit: num(p.duration, 2), planned: count(p.controlPatients), simulated: `${num(metricMean(s, `patients:${p.control}`), 1)} (SD ${num(metricSd(s, `patients:${p.control}`), 1)})`, graduated: '', futility: '', cut: '' },
    ...p.arms.map((a) => ({
      name: a.name,
      entry: a.entry === null ? 'never' : num(a.entry, 2),
      exit: a.exit === null ? 'never' : num(a.exit, 2),
      planned: count(a.patients),
      simulated: `${num(metricMean(s, `patients:${a.name}`), 1)} (SD ${num(metricSd(s, `patients:${a.name}`), 1)})`,
      graduated: share(`graduated:${a.name}`), futility: share(`futility:${a.name}`), cut: share(`cut:${a.name}`),
    })),
  ];
}

/** The planned periods: when each starts and ends, and each open arm's share of the patients. */
function periodRows(p: PlatformPlanSection): string[][] {
  return p.periods.map((q, j) => [String(j + 1), num(q.start, 2), num(q.end, 2), q.open.map((a, k) => `${a} ${pct(q.shares[k], 0)}`).join(', ')]);
}
const PERIOD_HEAD = ['Period (planned)', 'From', 'To', 'Open arms and their share of patients'];

const ARM_HEAD = ['Arm', 'Planned entry', 'Planned exit', 'Planned patients', 'Simulated patients, mean (SD)', 'Graduated at interim', 'Stopped for futility', 'Cut by the end'];

export function timelineSection(s: PlatformSummary): string | null {
  const p = s.platform;
  const rows = armRows(s, p).map((r) => `<tr><td>${esc(r.name)}</td><td>${r.entry}</td><td>${r.exit}</td><td>${r.planned}</td><td>${r.simulated}</td><td>${r.graduated}</td><td>${r.futility}</td><td>${r.cut}</td></tr>`).join('');
  return [
    `<p>Recruitment: ${esc(p.recruitment)}. Allocation: ${esc(p.allocation)}. Time trend: ${esc(p.trend)}. `,
    `Planned (fluid approximation): ${count(p.patients)} patients over ${num(p.duration, 2)} time units, ${p.periods.length} periods.${p.interim ? ` Interims: ${esc(p.interim)}.` : ''}</p>`,
    gantt(s, p),
    `<table><thead><tr>${ARM_HEAD.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`,
    `<table><thead><tr>${PERIOD_HEAD.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>`,
    periodRows(p).map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join(''),
    '</tbody></table>',
  ].join('');
}

export function timelineMarkdown(s: PlatformSummary): string | null {
  const p = s.platform;
  return [
    `Recruitment: ${p.recruitment}. Allocation: ${p.allocation}. Time trend: ${p.trend}. Planned (fluid approximation): ${Math.round(p.patients)} patients over ${num(p.duration, 2)} time units, ${p.periods.length} periods.${p.interim ? ` Interims: ${p.interim}.` : ''}`,
    '',
    `| ${ARM_HEAD.join(' | ')} |`,
    `|---|${ARM_HEAD.slice(1).map(() => '---:').join('|')}|`,
    ...armRows(s, p).map((r) => `| ${r.name} | ${r.entry} | ${r.exit} | ${r.planned} | ${r.simulated} | ${r.graduated} | ${r.futility} | ${r.cut} |`),
    '',
    `| ${PERIOD_HEAD.join(' | ')} |`,
    '|---:|---:|---:|---|',
    ...periodRows(p).map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

interface MethodRow {
  arm: string; method: string; rate: string; truth: string; bias: string; coverage: string; rmse: string; controls: string;
}

/** Interim stops make the estimates at an arm's last analysis naive: said in words where the design has interims. */
function naiveNote(p: PlatformPlanSection): string {
  return p.interim ? ' Arms stopped or graduated at an interim are estimated naively at that analysis (ignoring the stopping rule), which biases their estimates: compare the bias of arms that stop often.' : '';
}

function methodRows(s: PlatformSummary, p: PlatformPlanSection): MethodRow[] {
  return p.methods.flatMap((m) => p.arms.map((a) => {
    const id = comparisonId(a.name, m.id);
    const h = s.hypotheses.find((x) => x.id === id);
    const e = s.estimates.find((x) => x.id === id);
    const rmse = e?.bias != null && e.empiricalSe != null ? Math.sqrt(e.bias * e.bias + e.empiricalSe * e.empiricalSe) : null;
    const controls = m.id === 'concurrent' || m.id === 'concurrent-period-adjusted' ? metricMean(s, `controls-concurrent:${a.name}`) : metricMean(s, `controls-pooled:${a.name}`);
    return {
      arm: a.name, method: `${m.label}${m.decision ? ' (decision)' : ''}`,
      rate: h ? `${pct(h.rate)} ± ${pct(h.mcse, 2)}` : '',
      truth: num(e?.truth ?? null), bias: e?.bias == null ? '' : `${num(e.bias)} ± ${num(e.biasMcse ?? null)}`,
      coverage: e?.coverage == null ? '' : pct(e.coverage), rmse: num(rmse), controls: num(controls, 1),
    };
  }));
}

const METHOD_HEAD = ['Arm', 'Analysis', 'Rejection rate ± MCSE', 'True concurrent effect', 'Bias ± MCSE', 'Coverage', 'RMSE', 'Control patients used (mean)'];

export function methodsSection(s: PlatformSummary): string | null {
  const p = s.platform;
  const rows = methodRows(s, p).map((r) => `<tr><td>${esc(r.arm)}</td><td>${esc(r.method)}</td><td>${r.rate}</td><td>${r.truth}</td><td>${r.bias}</td><td>${r.coverage}</td><td>${r.rmse}</td><td>${r.controls}</td></tr>`).join('');
  return [
    `<p>Each arm against ${esc(p.control)} on the ${esc(p.scale)} scale, one-sided at level ${pct(p.alpha)}; the decision analysis also carries the interim decisions, the others are tested once at the arm's last analysis. `,
    `Bias is against the true concurrent effect (${esc(p.truth)}).${esc(naiveNote(p))}</p>`,
    `<table><thead><tr>${METHOD_HEAD.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`,
  ].join('');
}

export function methodsMarkdown(s: PlatformSummary): string | null {
  const p = s.platform;
  return [
    `Each arm against ${p.control} on the ${p.scale} scale, one-sided at level ${pct(p.alpha)}; the decision analysis also carries the interim decisions, the others are tested once at the arm's last analysis. Bias is against the true concurrent effect (${p.truth}).${naiveNote(p)}`,
    '',
    `| ${METHOD_HEAD.join(' | ')} |`,
    `|---|---|${METHOD_HEAD.slice(2).map(() => '---:').join('|')}|`,
    ...methodRows(s, p).map((r) => `| ${r.arm} | ${r.method} | ${r.rate} | ${r.truth} | ${r.bias} | ${r.coverage} | ${r.rmse} | ${r.controls} |`),
  ].join('\n');
}
