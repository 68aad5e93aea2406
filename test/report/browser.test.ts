/**
 * The HTML reports in a real browser: Debian's Chromium, headless, driven by
 * playwright-core, opening each report from disk. A report must load with no
 * console error and no network request, and show every chart it promises
 * with SVG marks of non-zero size; the power chart's alpha line must sit
 * where its own axis puts the design's alpha, no rate interval may leave
 * [0, 1], and no text may fall outside its drawing (clipped). Screenshots
 * are written to a temporary
 * folder (its path is printed) for a person to look at.
 *
 * Skips only when /usr/bin/chromium is absent (CI installs it: .ci/run).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { sampleReports, type SampleReport } from './sample-reports.js';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) console.warn(`browser test skipped: ${CHROMIUM} is absent (apt-get install chromium; CI installs it)`);

describe.skipIf(!present)(`HTML reports in headless Chromium (${CHROMIUM})`, () => {
  let browser: Browser;
  let reports: SampleReport[];
  const dir = mkdtempSync(join(tmpdir(), 'trialsim-report-'));

  beforeAll(async () => {
    reports = await sampleReports();
    for (const r of reports) writeFileSync(join(dir, r.file), r.html);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    console.log(`reports and screenshots: ${dir}`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('every report opens from disk with no console error, no network request, and every chart drawn', async () => {
    for (const r of reports) {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
      page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
      page.on('request', (q) => { if (!q.url().startsWith('file:')) requests.push(q.url()); });
      await page.goto(pathToFileURL(join(dir, r.file)).href, { waitUntil: 'load' });
      expect(errors, `${r.file}: console`).toEqual([]);
      expect(requests, `${r.file}: network`).toEqual([]);
      const found = await page.$$eval('figure[data-chart]', (els) => els.map((el) => {
        const marks = Array.from(el.querySelectorAll('svg .mark')).filter((m) => {
          // An SVG graphics element (the DOM library types are not loaded for Node tests).
          const b = (m as unknown as { getBBox(): { width: number; height: number } }).getBBox();
          return b.width > 0 || b.height > 0;
        });
        const svg = el.querySelector('svg')!.getBoundingClientRect();
        return { chart: el.getAttribute('data-chart')!, marks: marks.length, width: svg.width, height: svg.height };
      }));
      for (const chart of r.charts) {
        const figures = found.filter((f) => f.chart === chart);
        expect(figures.length, `${r.file}: chart ${chart} present`).toBeGreaterThan(0);
        for (const f of figures) {
          expect(f.marks, `${r.file}: chart ${chart} has marks`).toBeGreaterThan(0);
          expect(f.width * f.height, `${r.file}: chart ${chart} has a size`).toBeGreaterThan(0);
        }
      }
      await page.screenshot({ path: join(dir, r.file.replace(/\.html$/, '.png')), fullPage: true });
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: join(dir, r.file.replace(/\.html$/, '-print.png')), fullPage: true });
      await page.close();
    }
  });

  it('every chart names its axes and has a title for screen readers', async () => {
    const page = await browser.newPage();
    for (const r of reports.filter((x) => x.charts.length > 0)) {
      await page.goto(pathToFileURL(join(dir, r.file)).href);
      const charts = await page.$$eval('figure[data-chart] svg', (svgs) => svgs.map((s) => ({
        title: s.querySelector('title')?.textContent ?? '',
        labelled: s.getAttribute('role') === 'img' && !!s.getAttribute('aria-labelledby'),
        axisTitles: s.querySelectorAll('.axis-title').length,
        chart: s.closest('figure')!.getAttribute('data-chart'),
      })));
      for (const c of charts) {
        expect(c.title.length, `${r.file} ${c.chart}: title`).toBeGreaterThan(0);
        expect(c.labelled, `${r.file} ${c.chart}: aria`).toBe(true);
        expect(c.axisTitles, `${r.file} ${c.chart}: axis titles`).toBeGreaterThan(0);
      }
    }
    await page.close();
  });

  it('the power chart draws the design\'s alpha where its axis puts that value, and no rate band leaves [0, 1]', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    let alphas = 0;
    for (const r of reports.filter((x) => x.charts.includes('power'))) {
      await page.goto(pathToFileURL(join(dir, r.file)).href);
      const chart = await page.$eval('figure[data-chart="power"] svg', (svg) => {
        // Element shapes spelled out: the DOM library types are not loaded for Node tests.
        type Drawn = { getAttribute(name: string): string | null; getBoundingClientRect(): { left: number; right: number; width: number } };
        const all = (selector: string) => Array.from(svg.querySelectorAll(selector)) as unknown as Drawn[];
        const centre = (el: Drawn) => { const b = el.getBoundingClientRect(); return b.left + b.width / 2; };
        const ticks = all('.axis.x text.tick[data-value]').map((t) => ({ value: Number(t.getAttribute('data-value')), at: centre(t) }));
        const refs = all('line.ref').map((l) => ({ value: Number(l.getAttribute('data-value')), at: l.getBoundingClientRect().left }));
        const bands = all('path.mark.interval').map((p) => { const b = p.getBoundingClientRect(); return [b.left, b.right]; });
        return { ticks, refs, bands };
      });
      // The value at a drawn position, from the two extreme ticks as the browser laid them out.
      const [first, last] = [chart.ticks[0], chart.ticks[chart.ticks.length - 1]];
      const valueAt = (px: number) => first.value + ((px - first.at) / (last.at - first.at)) * (last.value - first.value);
      const pixelOf = (v: number) => first.at + ((v - first.value) / (last.value - first.value)) * (last.at - first.at);
      if (r.alpha !== undefined) {
        const line = chart.refs.find((l) => Math.abs(l.value - r.alpha!) < 1e-12);
        expect(line, `${r.file}: a line at alpha ${r.alpha}`).toBeDefined();
        expect(Math.abs(valueAt(line!.at) - r.alpha), `${r.file}: alpha line position`).toBeLessThan(0.002);
        alphas++;
      }
      // Interval ends (stroke and serifs included) lie within the axis from 0% to 100%.
      for (const [left, right] of chart.bands) {
        expect(left, `${r.file}: band below 0`).toBeGreaterThanOrEqual(pixelOf(0) - 1.5);
        expect(right, `${r.file}: band above 1`).toBeLessThanOrEqual(pixelOf(1) + 1.5);
      }
    }
    expect(alphas).toBeGreaterThan(0);
    await page.close();
  });

  it('no text of a chart is clipped: every label lies inside its drawing', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    /** Texts of every chart on the page that reach outside their SVG. */
    const clipped = () => page.$$eval('figure[data-chart] svg', (svgs) => svgs.flatMap((svg) => {
      const box = svg.getBoundingClientRect();
      type Text = { textContent: string | null; getBoundingClientRect(): { left: number; right: number; top: number; bottom: number; width: number } };
      return (Array.from(svg.querySelectorAll('text')) as unknown as Text[]).flatMap((t) => {
        const b = t.getBoundingClientRect();
        if (b.width === 0) return [];
        const inside = b.left >= box.left - 1 && b.right <= box.right + 1 && b.top >= box.top - 1 && b.bottom <= box.bottom + 1;
        return inside ? [] : [`${svg.closest('figure')!.getAttribute('data-chart')}: "${t.textContent}" at ${Math.round(b.left - box.left)}..${Math.round(b.right - box.left)} of ${Math.round(box.width)}`];
      });
    }));
    for (const r of reports.filter((x) => x.charts.length > 0)) {
      await page.goto(pathToFileURL(join(dir, r.file)).href);
      expect(await clipped(), `${r.file}: clipped text`).toEqual([]);
    }
    // The check sees a label that runs off the left edge.
    await page.setContent('<figure data-chart="probe"><svg viewBox="0 0 200 50" width="200" height="50"><text x="30" y="25" text-anchor="end">a label far too long to fit</text></svg></figure>');
    expect(await clipped()).toHaveLength(1);
    await page.close();
  });

  it('a report prints to PDF', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, 'run.html')).href);
    const pdf = await page.pdf({ format: 'A4' });
    writeFileSync(join(dir, 'run.pdf'), pdf);
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.close();
  });
});
