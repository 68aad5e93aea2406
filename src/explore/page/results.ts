/**
 * The live results: a headline table (each hypothesis's power or type I
 * error with its Monte Carlo error and interval, and the expected sample
 * size), the status line, and the full report in a sandboxed frame (no
 * script runs there: it shows the report's own HTML, charts included).
 */
import type { Summary } from '../../summary/summarise.js';
import { keyQuantities, quantityMean } from '../../compare/quantities.js';
import { esc } from '../../draw/escape.js';

/** Hypotheses shown in the headline (the report lists every one). */
const MAX_ROWS = 14;

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '–');
const fixed = (x: number, d: number) => (Number.isFinite(x) ? x.toFixed(d) : '–');

function hypothesisRows(s: Summary): string[] {
  return s.hypotheses.slice(0, MAX_ROWS).map((h) => {
    const cls = h.meaning === 'power' ? 'power' : h.meaning === 'type I error' ? 'type-i-error' : 'rate';
    return `<tr data-hypothesis="${esc(h.id)}"><td>${esc(h.label)}</td><td class="${cls}">${esc(h.meaning)}</td>` +
      `<td class="rate" data-value="${h.rate}">${pct(h.rate)}</td><td class="mcse">${pct(h.mcse)}</td>` +
      `<td>${pct(h.ci95[0])} – ${pct(h.ci95[1])}</td></tr>`;
  });
}

function quantityRows(s: Summary, arms: string[]): string[] {
  const means = s.metrics.map((m) => m.mean);
  return keyQuantities(s.metrics, arms).map((q) => {
    const mean = quantityMean(q, means);
    // The Monte Carlo error is known for a quantity that is one metric; a sum of several (patients per arm) has none here.
    const one = q.metrics.length === 1 ? s.metrics[q.metrics[0]] : undefined;
    const mcse = one ? one.sd / Math.sqrt(s.replicates) : NaN;
    return `<tr data-quantity="${esc(q.id)}"><td>${esc(q.label)}</td><td>${esc(q.unit ?? '')}</td>` +
      `<td class="rate" data-value="${mean}">${fixed(mean, 1)}</td><td class="mcse">${one ? fixed(mcse, 2) : (s.metrics[q.metrics[0]]?.sd === 0 ? '0' : '–')}</td><td></td></tr>`;
  });
}

export function headlineHtml(s: Summary, arms: string[]): string {
  const more = s.hypotheses.length > MAX_ROWS ? `<p class="hint">${s.hypotheses.length - MAX_ROWS} more hypotheses are in the report below.</p>` : '';
  return `<table class="headline"><caption class="hint">After ${s.replicates.toLocaleString('en')} simulated trials (seed ${esc(s.seed)})</caption>` +
    '<thead><tr><th scope="col">hypothesis</th><th scope="col">meaning</th><th scope="col">rate</th><th scope="col">MCSE</th><th scope="col">95% interval</th></tr></thead>' +
    `<tbody>${[...hypothesisRows(s), ...quantityRows(s, arms)].join('')}</tbody></table>${more}`;
}

/** The command that reproduces the run: the scenario as downloaded, with its seed and replicates spelled out. */
export function commandLine(file: string, seed: number, replicates: number): string {
  const quoted = /^[\w./-]+$/.test(file) ? file : `'${file.replace(/'/g, "'\\''")}'`;
  return `npx trialsim run ${quoted} --seed ${seed} --replicates ${replicates}`;
}

/** Offers text as a file to save. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
