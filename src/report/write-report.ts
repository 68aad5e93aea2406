/**
 * A run's reports beside its summary.json: report.html (self-contained)
 * and summary.md (for a protocol), written atomically into a folder. The
 * summary is read once through its schema (run/summary-schema.ts), exactly
 * as summary.json holds it, and every section reads the parsed summary.
 */
import { join } from 'node:path';
import type { Summary } from '../summary/summarise.js';
import { writeFileAtomic } from '../util/atomic.js';
import { readSummary, readWrittenSummary, type ReportSummary } from '../run/summary-schema.js';
import { runReportHtml } from './html/run-report.js';
import { summaryMarkdown, compareMarkdown } from './markdown.js';

export { runReportHtml, summaryMarkdown, compareMarkdown, readSummary, readWrittenSummary, type ReportSummary };

/** Writes report.html and summary.md of a summary into `folder` (summary.md opens with the scenario's assumptions when given); returns their paths. */
export function writeReport(summary: Summary, folder: string, spec?: unknown): string[] {
  return writeReportOf(readWrittenSummary(summary), folder, spec);
}

/** The same for a summary already read through its schema (`trialsim report` on a summary.json). */
export function writeReportOf(summary: ReportSummary, folder: string, spec?: unknown): string[] {
  const files: [string, string][] = [
    ['report.html', runReportHtml(summary)],
    ['summary.md', summaryMarkdown(summary, spec)],
  ];
  return files.map(([name, text]) => {
    writeFileAtomic(join(folder, name), text);
    return join(folder, name);
  });
}
