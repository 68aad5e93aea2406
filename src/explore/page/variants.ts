/**
 * Compare and sweep in the page, with the command line's machinery: a
 * variant is the scenario with one key set (checked as `trialsim compare`
 * and `sweep` check theirs), every run uses the scenario's seed (common
 * random numbers: the same virtual patients in replicate r), the
 * comparison's paired differences come from `compareResult`, and both are
 * shown as the command line's own reports (compare's and sweep's report.html).
 */
import { runProgressively, RunCancelled } from '../progressive.js';
import { compareResult, patientSections } from '../../compare/compare-result.js';
import { collectReplicates } from '../../compare/replicate-matrix.js';
import { parseVariation } from '../../compare/values.js';
import { compareReportHtml } from '../../report/html/compare-report.js';
import { sweepReportHtml } from '../../report/html/sweep-report.js';
import { SWEEP_SCHEMA, type SweepResult } from '../../compare/sweep-result.js';
import { VERSION } from '../../version.js';
import type { RunData } from '../../compare/compare-rows.js';
import type { Checked } from '../protocol.js';
import type { Checker, WorkerPool } from './workers.js';
import type { SweepValue } from '../../compare/values.js';

interface Context {
  file: string;
  text: () => string;
  cores: number;
  pool: WorkerPool;
  checker: Checker;
  cancelRun: () => void;
  setBusy: (busy: boolean) => void;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** A report page in its sandboxed frame (no script runs there). */
function show(frame: string, html: string): void {
  const f = $<HTMLIFrameElement>(frame);
  f.srcdoc = html;
  f.hidden = false;
}

function parseValue(text: string): SweepValue {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
}

/** A checked run with its per-replicate rows kept, for pairing. */
async function runWithRows(c: Checked, pool: WorkerPool, signal: AbortSignal): Promise<RunData> {
  const collector = collectReplicates(c.described.layout, c.loaded.spec.replicates);
  const summary = await runProgressively(c, pool, { signal, onRows: collector.onRows });
  return { summary, layout: c.described.layout, matrix: collector.result(), arms: Object.keys(c.loaded.spec.arms ?? {}) };
}

/** Checks the scenario and its variants in the checker; a refusal is shown in `status` and gives undefined. */
async function checkVariants(ctx: Context, overrides: { replicates?: number }, variants: Record<string, SweepValue>[], status: HTMLElement) {
  const answer = await ctx.checker.check(ctx.file, ctx.text(), { ...overrides, workers: ctx.cores }, variants);
  if (!answer) return undefined;
  if (!answer.ok) {
    status.textContent = answer.message;
    document.body.dataset.variants = 'invalid';
    return undefined;
  }
  return answer;
}

function finished(state: string): void {
  document.body.dataset.variants = state;
  document.dispatchEvent(new CustomEvent('trialsim:variants', { detail: state }));
}

async function guarded(ctx: Context, status: HTMLElement, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
  ctx.cancelRun();
  ctx.setBusy(true);
  const stop = new AbortController();
  document.body.dataset.variants = 'running';
  try {
    await work(stop.signal);
    finished('done');
  } catch (err) {
    if (!(err instanceof RunCancelled)) status.textContent = `failed: ${(err as Error).message}`;
    finished('failed');
  } finally {
    ctx.setBusy(false);
  }
}

async function compare(ctx: Context): Promise<void> {
  const status = $('compare-status');
  const key = $<HTMLInputElement>('compare-key').value.trim();
  const value = parseValue($<HTMLInputElement>('compare-value').value);
  await guarded(ctx, status, async (signal) => {
    status.textContent = `checking variant B (${key} = ${String(value)})`;
    const answer = await checkVariants(ctx, {}, [{ [key]: value }], status);
    if (!answer) throw new RunCancelled();
    const designs = [answer.base, answer.variants[0]];
    const runs: RunData[] = [];
    for (const [k, d] of designs.entries()) {
      status.textContent = `running design ${'AB'[k]} (${d.loaded.spec.replicates.toLocaleString('en')} replicates)`;
      runs.push(await runWithRows(d, ctx.pool, signal));
    }
    const { seed, replicates } = answer.base.loaded.spec;
    const described = designs.map((d, k) => ({
      name: d.loaded.spec.name, file: k === 0 ? ctx.file : `${ctx.file} [${key}=${String(value)}]`, hash: d.loaded.hash,
      design: d.loaded.spec.design.type, seed: d.loaded.spec.seed,
      samePatients: patientSections(d.loaded) === patientSections(designs[0].loaded),
    }));
    const result = compareResult({ seed, replicates, crn: true, described, runs });
    show('compare-result', compareReportHtml(result));
    status.textContent = `compared A (as edited) and B (${key} = ${String(value)}): ${replicates.toLocaleString('en')} replicates each, seed ${seed}`;
  });
}

async function sweep(ctx: Context): Promise<void> {
  const status = $('sweep-status');
  const key = $<HTMLInputElement>('sweep-key').value.trim();
  const replicates = Math.max(1, Math.round(Number($<HTMLInputElement>('sweep-replicates').value) || 1000));
  await guarded(ctx, status, async (signal) => {
    let vary;
    try {
      vary = parseVariation(`${key}=${$<HTMLInputElement>('sweep-values').value}`);
    } catch (err) {
      status.textContent = (err as Error).message;
      throw new RunCancelled();
    }
    const answer = await checkVariants(ctx, { replicates }, vary.values.map((v) => ({ [key]: v })), status);
    if (!answer) throw new RunCancelled();
    const base = answer.base.loaded;
    const result: SweepResult = {
      schema: SWEEP_SCHEMA, trialsim: VERSION, scenario: { name: base.spec.name, file: ctx.file, hash: base.hash, design: base.spec.design.type },
      seed: base.spec.seed, replicates, vary: [vary], points: [],
    };
    for (const [k, point] of answer.variants.entries()) {
      status.textContent = `point ${k + 1} of ${answer.variants.length}: ${key} = ${String(vary.values[k])}`;
      const summary = await runProgressively(point, ctx.pool, { signal });
      result.points.push({ index: k, values: { [key]: vary.values[k] }, hash: point.loaded.hash, arms: Object.keys(point.loaded.spec.arms ?? {}), summary });
      show('sweep-result', sweepReportHtml(result));
    }
    status.textContent = `swept ${key} over ${vary.values.length} values, ${replicates.toLocaleString('en')} replicates each, seed ${base.spec.seed} (npx trialsim sweep ${ctx.file} --vary ${key}=${$<HTMLInputElement>('sweep-values').value} --replicates ${replicates})`;
  });
}

export function variantsUi(ctx: Context): void {
  $('compare-form').addEventListener('submit', (e) => { e.preventDefault(); void compare(ctx); });
  $('sweep-form').addEventListener('submit', (e) => { e.preventDefault(); void sweep(ctx); });
}
