/**
 * The explorer page: the scenario in an editor, checked in a worker on every
 * change; a valid scenario runs at once in Web Workers (unless its estimated
 * time is over the budget: then the page asks), the results refined as
 * replicates arrive; a change cancels the run in progress. The page's
 * state is on <body data-state> (and a `trialsim:state` event), for people
 * using assistive technology (the status line) and for the browser tests.
 */
import { createEditor } from './editor.js';
import { panel } from './panel.js';
import { Checker, WorkerPool } from './workers.js';
import { headlineHtml, commandLine, download } from './results.js';
import { variantsUi } from './variants.js';
import { runProgressively, RunCancelled } from '../progressive.js';
import { scenarioJsonSchema } from '../../designs/json-schema.js';
import { estimatedSeconds } from '../../run/workload.js';
import { isExact, summaryJson } from '../../run/describe.js';
import { runReportHtml } from '../../report/html/run-report.js';
import { readWrittenSummary } from '../../run/summary-schema.js';
import type { Checked } from '../protocol.js';
import type { SchemaNode } from '../schema-walk.js';
import type { Summary } from '../../summary/summarise.js';

/** Above this estimated run time (seconds, at the engine's conservative rate) the page asks before running. */
const BUDGET_SECONDS = 30;

type State = 'checking' | 'invalid' | 'ready' | 'over-budget' | 'running' | 'done' | 'cancelled' | 'failed';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const scenario = (globalThis as { trialsimScenario?: { file: string; text: string } }).trialsimScenario ?? { file: 'scenario.yaml', text: '' };
const schema = scenarioJsonSchema() as SchemaNode;
const cores = Math.max(1, navigator.hardwareConcurrency || 2);
// Started at once: the workers load their code while the first check runs.
const pool = new WorkerPool(cores).start();
const checker = new Checker();

let checked: Checked | undefined;
let final: Summary | undefined;
let running: AbortController | undefined;

function setState(state: State, detail = ''): void {
  document.body.dataset.state = state;
  if (detail) $('status').textContent = detail;
  $('stop').toggleAttribute('disabled', state !== 'running');
  $('run').toggleAttribute('disabled', !checked || state === 'running' || state === 'checking');
  document.dispatchEvent(new CustomEvent('trialsim:state', { detail: state }));
}

function cancelRun(): void {
  if (!running) return;
  running.abort();
  running = undefined;
  pool.cancel();
}

function showSummary(s: Summary, done: number, total: number, seconds: number): void {
  $('headline').innerHTML = headlineHtml(s, Object.keys(checked?.loaded.spec.arms ?? {}));
  const progress = $<HTMLProgressElement>('progress');
  progress.max = Math.max(1, total);
  progress.value = done;
  const rate = seconds > 0 ? done / seconds : 0;
  const status = $('status');
  status.dataset.replicatesPerSecond = String(rate);
  status.textContent = `${done.toLocaleString('en')} of ${total.toLocaleString('en')} replicates · ${seconds.toFixed(1)} s · ${Math.round(rate).toLocaleString('en')} replicates/s`;
}

let lastReport = 0;
function showReport(s: Summary, force: boolean): void {
  if (!force && performance.now() - lastReport < 1000) return;
  lastReport = performance.now();
  $<HTMLIFrameElement>('report').srcdoc = runReportHtml(readWrittenSummary(s));
}

async function run(): Promise<void> {
  if (!checked) return;
  cancelRun();
  const mine = (running = new AbortController());
  const target = checked;
  const total = target.loaded.spec.replicates;
  final = undefined;
  for (const id of ['download-summary', 'download-report']) $(id).setAttribute('disabled', '');
  setState('running', `running ${total.toLocaleString('en')} replicates on ${cores} workers`);
  const t0 = performance.now();
  delete $('status').dataset.firstEstimateMs;
  try {
    const summary = isExact(target.loaded)
      ? await pool.exact(target)
      : await runProgressively(target, pool, {
        signal: mine.signal,
        onUpdate: (s, done) => {
          // How long the first estimate took, for the browser test's report.
          $('status').dataset.firstEstimateMs ??= String(Math.round(performance.now() - t0));
          showSummary(s, done, total, (performance.now() - t0) / 1000);
          showReport(s, false);
        },
      });
    if (mine.signal.aborted) return;
    final = summary;
    showSummary(summary, total, total, (performance.now() - t0) / 1000);
    showReport(summary, true);
    for (const id of ['download-summary', 'download-report']) $(id).removeAttribute('disabled');
    running = undefined;
    setState('done');
  } catch (err) {
    if (err instanceof RunCancelled || mine.signal.aborted) return;
    running = undefined;
    setState('failed', `the run failed: ${(err as Error).message}`);
  }
}

function start(force: boolean): void {
  if (!checked) return;
  const seconds = estimatedSeconds(checked.loaded.spec, cores);
  const budget = $('budget');
  if (!force && seconds > BUDGET_SECONDS) {
    $('budget-text').textContent = `This run could take up to about ${Math.ceil(seconds)} s on ${cores} workers (the page runs at once only what fits in ${BUDGET_SECONDS} s). Run it anyway?`;
    budget.hidden = false;
    setState('over-budget', 'waiting: the run is over the time budget');
    $('budget-run').focus();
    return;
  }
  budget.hidden = true;
  void run();
}

let checks = 0;
async function check(text: string): Promise<void> {
  cancelRun();
  $('budget').hidden = true;
  const mine = ++checks;
  setState('checking', 'checking the scenario');
  const answer = await checker.check(scenario.file, text, { workers: cores });
  if (!answer || mine !== checks) return;
  if (!answer.ok) {
    checked = undefined;
    $('issues').textContent = answer.message;
    editor.showIssues(answer.issues);
    setState('invalid', 'the scenario has problems: see the messages under the editor');
    return;
  }
  $('issues').textContent = '';
  editor.showIssues([]);
  checked = answer.base;
  const { seed, replicates } = checked.loaded.spec;
  $('command').textContent = commandLine(scenario.file, seed, replicates);
  setState('ready', 'the scenario is valid');
  if ($<HTMLInputElement>('auto').checked) start(false);
}

let timer: ReturnType<typeof setTimeout> | undefined;
const editor = createEditor($('editor'), scenario.text, schema, (text) => {
  // A change stops the run at once; the check waits for a pause in typing.
  cancelRun();
  clearTimeout(timer);
  timer = setTimeout(() => { refreshPanel(text); void check(text); }, 250);
});
const refreshPanel = panel($<HTMLFormElement>('params'), $<HTMLDataListElement>('keys'), editor, schema);

$('scenario-file').textContent = scenario.file;
$('run').addEventListener('click', () => start(false));
$('stop').addEventListener('click', () => { cancelRun(); setState('cancelled', 'run stopped'); });
$('budget-run').addEventListener('click', () => { $('budget').hidden = true; void run(); });
$('budget-cancel').addEventListener('click', () => { $('budget').hidden = true; setState('ready', 'not run: over the time budget'); });
$('download-yaml').addEventListener('click', () => download(scenario.file, editor.text(), 'application/yaml'));
$('download-summary').addEventListener('click', () => final && download('summary.json', summaryJson(final), 'application/json'));
$('download-report').addEventListener('click', () => final && download('report.html', runReportHtml(readWrittenSummary(final)), 'text/html'));
variantsUi({ file: scenario.file, text: () => editor.text(), cores, pool, checker, cancelRun, setBusy: (busy) => $('run').toggleAttribute('disabled', busy) });

refreshPanel(scenario.text);
void check(scenario.text);
