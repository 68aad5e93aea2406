/**
 * The explorer end to end in Debian's Chromium (headless, driven by
 * playwright-core), opened from disk as `trialsim explore` writes it: the
 * flagship loads and runs; a sample size changed in the parameter panel
 * runs again, and the power shown and the summary.json downloaded equal
 * `trialsim run` on the downloaded scenario, byte for byte, as they do for
 * a basket trial (from disk and served), a time-to-event umbrella trial and
 * a response-adaptive survival trial, designs whose figures pass through
 * millions of exp, log and pow (the page computes them with Node 20's
 * algorithms: src/util/portable-math/); an invalid value
 * typed in the editor shows the loader's message at its line, as `trialsim
 * validate` words it; a change cancels the run in progress; a run over the
 * time budget asks first; compare and sweep draw their results; and the
 * page asks the network for nothing. Every wait is on the page's state
 * (<body data-state>), never a sleep. Screenshots and the measured
 * replicates/s (page and command line, reported, not asserted) go to
 * results/explore-screenshots/.
 *
 * Skips only when /usr/bin/chromium is absent (CI installs it: .ci/run).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The page's document as the callbacks run in it use it, spelled out: the DOM library types are not loaded for Node tests. */
interface PageElement {
  textContent: string | null; dataset: Record<string, string | undefined>; value?: unknown; tagName: string; outerHTML: string;
  getAttribute(name: string): string | null; closest(selector: string): PageElement | null;
}
declare const document: {
  body: PageElement & { dataset: Record<string, string | undefined> }; getElementById(id: string): PageElement;
  querySelector(selector: string): PageElement | null; querySelectorAll(selector: string): ArrayLike<PageElement>;
};
/** The page's state changes, with the replicates done at each: written by an observer in the page (the cancellation test). */
declare const window: { stateLog: [string, number][] };
declare class MutationObserver {
  constructor(callback: () => void);
  observe(target: PageElement, options: { attributes: boolean; attributeFilter: string[] }): void;
}

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) console.warn(`explorer browser test skipped: ${CHROMIUM} is absent (apt-get install chromium; CI installs it)`);

const CLI = resolve('dist/bin/main.js');
const SHOTS = resolve('results/explore-screenshots');
const FILE = 'two-arm-binary.yaml';

function trialsim(args: string[], cwd: string) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
}

/** Waits until the page settles in one of `states` (and, with `replicates`, has checked a scenario of that many replicates). */
async function settled(page: Page, states: string[], replicates?: number): Promise<string> {
  await page.waitForFunction(([s, r]) => (s as string[]).includes(document.body.dataset.state ?? '')
    && (r === null || (document.getElementById('command').textContent ?? '').endsWith(`--replicates ${r as number}`)), [states, replicates ?? null] as const, { timeout: 120_000 });
  return page.evaluate(() => document.body.dataset.state!);
}

async function setParameter(page: Page, key: string, value: string): Promise<void> {
  const input = page.locator(`#params input[type=number][data-key="${key}"]`);
  await input.fill(value);
  await input.press('Tab');
}

async function downloaded(page: Page, button: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return readFileSync((await d.path())!, 'utf8');
}

/** A page's run of its scenario at `replicates`, and trialsim run's summary.json of the scenario the page downloads. */
async function pageAndCli(page: Page, replicates: number, work: string, file: string): Promise<{ page: string; cli: string }> {
  await setParameter(page, 'replicates', String(replicates));
  await settled(page, ['done'], replicates);
  const summary = await downloaded(page, '#download-summary');
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, file), await downloaded(page, '#download-yaml'));
  const run = trialsim(['run', file, '--out', 'out', '--quiet', '--no-csv', '--json'], work);
  expect(run.status, run.stderr).toBe(0);
  return { page: summary, cli: readFileSync(resolve(work, JSON.parse(run.stdout).runs[0].results, 'summary.json'), 'utf8') };
}

/** The status code of a GET with the given Host header. */
function statusOf(url: string, host?: string): Promise<number> {
  return new Promise((ok, fail) => {
    const u = new URL(url);
    request({ host: u.hostname, port: u.port, path: u.pathname, headers: host ? { host } : {} }, (res) => { res.resume(); ok(res.statusCode!); }).on('error', fail).end();
  });
}

describe.skipIf(!present)(`the explorer in headless Chromium (${CHROMIUM})`, () => {
  let browser: Browser;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'trialsim-explore-'));
  const folder = join(dir, 'explore');
  const errors: string[] = [];
  const requests: string[] = [];
  /** The first run's first estimate after opening the page (workers started cold), in ms. */
  let coldFirstEstimateMs = NaN;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    execFileSync(process.execPath, [CLI, 'explore', '--out', folder], { cwd: dir });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1300, height: 1000 }, acceptDownloads: true });
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('request', (q) => { if (!/^(file|blob|data|about):/.test(q.url())) requests.push(q.url()); });
    console.log(`explorer folder: ${folder}; screenshots: ${SHOTS}`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('opens from disk and runs the flagship at once', async () => {
    await page.goto(pathToFileURL(join(folder, 'index.html')).href);
    expect(await settled(page, ['done', 'invalid', 'failed', 'over-budget'])).toBe('done');
    expect(await page.textContent('#command')).toBe(`npx trialsim run ${FILE} --seed 2026 --replicates 10000`);
    coldFirstEstimateMs = Number(await page.getAttribute('#status', 'data-first-estimate-ms'));
    expect(Number(await page.getAttribute('[data-hypothesis="drug-vs-control"] .rate', 'data-value'))).toBeCloseTo(0.655, 3);
    // The report's frame holds the run's report: the power chart, the cancellation section, the design's own sections.
    const report = page.frameLocator('#report');
    expect(await report.locator('figure[data-chart="power"] .mark').count()).toBeGreaterThan(0);
    expect(await report.locator('h2', { hasText: 'Cancellation' }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'flagship.png'), fullPage: true });
  });

  it('runs a changed sample size, and shows and downloads what trialsim run gives, byte for byte', async () => {
    await setParameter(page, 'design.sampleSize', '200');
    await setParameter(page, 'replicates', '2000');
    await settled(page, ['done'], 2000);
    const yaml = await downloaded(page, '#download-yaml');
    expect(yaml).toMatch(/sampleSize: 200\n/);
    const summary = await downloaded(page, '#download-summary');
    const shown = await page.getAttribute('[data-hypothesis="drug-vs-control"] .rate', 'data-value');
    await page.screenshot({ path: join(SHOTS, 'sample-size-200.png'), fullPage: true });

    const work = join(dir, 'cli');
    mkdirSync(work, { recursive: true });
    writeFileSync(join(work, FILE), yaml);
    const run = trialsim(['run', FILE, '--seed', '2026', '--replicates', '2000', '--out', 'out', '--quiet', '--no-csv', '--json'], work);
    expect(run.status, run.stderr).toBe(0);
    const folderOf = JSON.parse(run.stdout).runs[0].results as string;
    const cli = readFileSync(resolve(work, folderOf, 'summary.json'), 'utf8');
    expect(summary).toBe(cli);
    expect(shown).toBe(String(JSON.parse(cli).hypotheses.find((h: { id: string }) => h.id === 'drug-vs-control').rate));
  });

  it('shows the loader\'s message for a value typed in the editor, at its line, as trialsim validate words it', async () => {
    const line = page.locator('.cm-line', { hasText: 'sampleSize: 200' });
    await line.click();
    await page.keyboard.press('End');
    for (let k = 0; k < 3; k++) await page.keyboard.press('Backspace');
    await page.keyboard.type('many');
    expect(await settled(page, ['invalid'])).toBe('invalid');
    const message = (await page.textContent('#issues'))!;
    const text = await page.evaluate(() => Array.from(document.querySelectorAll('.cm-line'), (l: PageElement) => l.textContent).join('\n'));
    const lineNo = text.split('\n').findIndex((l) => l.includes('sampleSize: many')) + 1;
    expect(message).toContain(`line ${lineNo}, design.sampleSize:`);
    const work = join(dir, 'invalid');
    mkdirSync(work, { recursive: true });
    writeFileSync(join(work, FILE), await downloaded(page, '#download-yaml'));
    const validate = trialsim(['validate', FILE], work);
    expect(validate.status).toBe(2);
    expect(validate.stderr).toContain(message);
    // The editor marks that line.
    const marked = await page.$$eval('.cm-lintRange-error', (els) => (els as unknown as PageElement[]).map((e) => e.closest('.cm-line')?.textContent ?? ''));
    expect(marked.some((t) => t.includes('sampleSize: many'))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'invalid-value.png'), fullPage: true });
    // The download took the focus: back to the end of that line.
    await page.locator('.cm-line', { hasText: 'sampleSize: many' }).click();
    await page.keyboard.press('End');
    for (let k = 0; k < 4; k++) await page.keyboard.press('Backspace');
    await page.keyboard.type('200');
    expect(await settled(page, ['done'])).toBe('done');
  });

  it('cancels a run when the scenario changes, and asks before a run over the time budget', async () => {
    await setParameter(page, 'replicates', '150000');
    await page.waitForFunction(() => document.body.dataset.state === 'running' && Number(document.getElementById('progress').value) > 0, null, { timeout: 120_000 });
    // Every state the page passes through from here, with the replicates done at that moment.
    await page.evaluate(() => {
      const log: [string, number][] = [];
      window.stateLog = log;
      new MutationObserver(() => log.push([document.body.dataset.state ?? '', Number(document.getElementById('progress').value)]))
        .observe(document.body, { attributes: true, attributeFilter: ['data-state'] });
    });
    await setParameter(page, 'replicates', '3000');
    await settled(page, ['done'], 3000);
    expect(await page.textContent('#status')).toMatch(/^3,000 of 3,000 replicates/);
    // The long run was stopped part-way (it went from running straight to checking the edit) and never finished.
    const log = await page.evaluate(() => window.stateLog);
    expect(log[0][0]).toBe('checking');
    expect(log[0][1]).toBeLessThan(150_000);
    expect(log.filter(([state]) => state === 'done')).toEqual([['done', 3000]]);
    expect(log.at(-1)![0]).toBe('done');

    await setParameter(page, 'replicates', '1000000');
    expect(await settled(page, ['over-budget'])).toBe('over-budget');
    expect(await page.isVisible('#budget')).toBe(true);
    expect(await page.textContent('#budget-text')).toMatch(/could take up to about \d+ s/);
    await page.screenshot({ path: join(SHOTS, 'over-budget.png'), fullPage: true });
    await page.click('#budget-cancel');
    expect(await settled(page, ['ready'])).toBe('ready');
    await setParameter(page, 'replicates', '2000');
    await settled(page, ['done'], 2000);
  });

  it('compares a variant on the same patients, and sweeps the sample size into a power curve', async () => {
    await page.fill('#compare-key', 'design.sampleSize');
    await page.fill('#compare-value', '400');
    await page.click('#compare-run');
    await page.waitForFunction(() => ['done', 'failed', 'invalid'].includes(document.body.dataset.variants ?? ''), null, { timeout: 120_000 });
    expect(await page.evaluate(() => document.body.dataset.variants)).toBe('done');
    expect(await page.frameLocator('#compare-result').locator('figure[data-chart] .mark').count()).toBeGreaterThan(0);
    await page.fill('#sweep-values', '100:300:100');
    await page.fill('#sweep-replicates', '500');
    await page.evaluate(() => { document.body.dataset.variants = 'asked'; });
    await page.click('#sweep-run');
    await page.waitForFunction(() => ['done', 'failed', 'invalid'].includes(document.body.dataset.variants ?? ''), null, { timeout: 120_000 });
    expect(await page.evaluate(() => document.body.dataset.variants)).toBe('done');
    expect(await page.frameLocator('#sweep-result').locator('figure[data-chart="power-curve"] .mark').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'compare-and-sweep.png'), fullPage: true });
  });

  it('labels every control, and asked the network for nothing, with no console error', async () => {
    const unlabelled = await page.$$eval('input, button, select, textarea', (els) => (els as unknown as PageElement[]).filter((el) => {
      const id = el.getAttribute('id');
      const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (id && document.querySelector(`label[for="${id}"]`)) || el.closest('label') || (el.tagName === 'BUTTON' && el.textContent!.trim());
      return !labelled;
    }).map((el) => el.outerHTML.slice(0, 80)));
    expect(unlabelled).toEqual([]);
    // The keyboard leaves the editor with Tab (CodeMirror binds none by default), on to the parameters.
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document as unknown as { activeElement: PageElement }).activeElement.closest('.cm-editor') === null)).toBe(true);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('runs a basket trial from disk (no shared memory there: a cache per worker) with trialsim run\'s summary, byte for byte', async () => {
    const basket = join(dir, 'basket');
    execFileSync(process.execPath, [CLI, 'explore', resolve('scenarios/basket/tumour-by-biomarker.yaml'), '--out', basket], { cwd: dir });
    const p = await browser.newPage({ acceptDownloads: true });
    await p.goto(pathToFileURL(join(basket, 'index.html')).href);
    expect(await p.evaluate(() => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated)).toBe(false);
    const { page: shown, cli } = await pageAndCli(p, 150, join(dir, 'basket-cli'), 'tumour-by-biomarker.yaml');
    expect(shown).toBe(cli);
    await p.close();
  });

  for (const [scenario, replicates] of [['scenarios/flagship/umbrella-lung.yaml', 200], ['scenarios/response-adaptive/survival-three-arms.yaml', 200]] as const) {
    it(`runs ${scenario} from disk with trialsim run's summary, byte for byte`, async () => {
      const name = scenario.split('/').pop()!;
      const folder = join(dir, name.replace('.yaml', ''));
      execFileSync(process.execPath, [CLI, 'explore', resolve(scenario), '--out', folder], { cwd: dir });
      const p = await browser.newPage({ acceptDownloads: true });
      await p.goto(pathToFileURL(join(folder, 'index.html')).href);
      const { page: shown, cli } = await pageAndCli(p, replicates, `${folder}-cli`, name);
      expect(shown).toBe(cli);
      await p.close();
    });
  }

  it('serves the folder on 127.0.0.1 only, by exact name, cross-origin isolated (shared memory), with trialsim run\'s summary, byte for byte', async () => {
    const served = join(dir, 'served');
    const child = spawn(process.execPath, [CLI, 'explore', resolve('scenarios/basket/tumour-by-biomarker.yaml'), '--out', served, '--serve', '--port', '0'], { cwd: dir });
    try {
      const url = await new Promise<string>((ok, fail) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => { out += d; const m = /explorer at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out); if (m) ok(m[1]); });
        child.on('exit', (code) => fail(new Error(`explore --serve exited with ${code}`)));
      });
      expect(await statusOf(url)).toBe(200);
      expect(await statusOf(`${url}package.json`)).toBe(404);
      expect(await statusOf(`${url}..%2fpackage.json`)).toBe(404);
      expect(await statusOf(url, 'attacker.example')).toBe(421);
      const p = await browser.newPage({ acceptDownloads: true });
      await p.goto(url);
      expect(await p.evaluate(() => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated)).toBe(true);
      const { page: shown, cli } = await pageAndCli(p, 150, join(dir, 'served-cli'), 'tumour-by-biomarker.yaml');
      expect(shown).toBe(cli);
      // The report's frame draws under the served page's headers (CSP, COEP) too.
      expect(await p.frameLocator('#report').locator('figure[data-chart="power"] .mark').count()).toBeGreaterThan(0);
      await p.screenshot({ path: join(SHOTS, 'served-basket.png'), fullPage: true });
      await p.close();
    } finally {
      child.kill();
    }
  });

  it('runs within reach of the command line (replicates/s measured here, reported, not asserted)', async () => {
    await setParameter(page, 'replicates', '40000');
    await settled(page, ['done'], 40000);
    const inPage = Number(await page.getAttribute('#status', 'data-replicates-per-second'));
    const firstEstimateMs = Number(await page.getAttribute('#status', 'data-first-estimate-ms'));
    const work = join(dir, 'speed');
    mkdirSync(work, { recursive: true });
    writeFileSync(join(work, FILE), await downloaded(page, '#download-yaml'));
    const run = trialsim(['run', FILE, '--out', 'out', '--quiet', '--no-csv', '--json'], work);
    expect(run.status, run.stderr).toBe(0);
    const runJson = JSON.parse(readFileSync(join(work, JSON.parse(run.stdout).runs[0].results, 'run.json'), 'utf8'));
    const cli = 40000 / runJson.seconds;
    const figures = { replicates: 40000, pageReplicatesPerSecond: Math.round(inPage), cliReplicatesPerSecond: Math.round(cli), ratio: Number((inPage / cli).toFixed(2)), firstEstimateMs, coldFirstEstimateMs };
    writeFileSync(join(SHOTS, 'speed.json'), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`explorer speed: ${JSON.stringify(figures)}`);
    expect(inPage).toBeGreaterThan(0);
  });
});
