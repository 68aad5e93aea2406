/**
 * The HTML reports in a real browser: Debian's Chromium, headless, driven by
 * playwright-core, opening each report from disk. A report must load with no
 * console error and no network request, and show every chart it promises
 * with SVG marks of non-zero size. Screenshots are written to a temporary
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

  it('a report prints to PDF', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, 'run.html')).href);
    const pdf = await page.pdf({ format: 'A4' });
    writeFileSync(join(dir, 'run.pdf'), pdf);
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.close();
  });
});
