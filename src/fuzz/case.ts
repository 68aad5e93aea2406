/**
 * Runs one fuzz case in this thread through the library's own pipeline
 * (parseScenarioText -> setupScenario -> simulate) and says how it ended:
 * accepted (it ran), refused with a located message, refused without naming
 * a field, refused only when run, or crashed (an accepted scenario whose
 * summary is off summary.json's schema, which its reports could not read,
 * counts as a crash).
 */
import { parseScenarioText } from '../scenario/load.js';
import { setupScenario } from '../run/scenario.js';
import { simulate } from '../run/simulate.js';
import { readWrittenSummary } from '../run/summary-schema.js';
import type { Summary } from '../summary/summarise.js';
import { ScenarioError, UserError } from '../scenario/errors.js';
import { isRecord } from './tree.js';
import type { FuzzCase } from './mutate.js';

export type Verdict = 'accepted' | 'refused' | 'unlocated' | 'late-refusal' | 'crash' | 'pollution' | 'hang' | 'out-of-memory';

/** Verdicts that fail a fuzz run. */
export const FAILURES: readonly Verdict[] = ['unlocated', 'late-refusal', 'crash', 'pollution', 'hang', 'out-of-memory'];

export interface CaseOutcome {
  index: number;
  verdict: Verdict;
  /** Where it ended: reading the text, checking and preparing the scenario, or running replicates. */
  stage: 'parse' | 'setup' | 'run' | 'thread';
  /** The message (a refusal's, an error's with its first stack frame), or empty when accepted. */
  message: string;
  ms: number;
  /** The kinds of the case's mutations. */
  kinds?: string[];
  /** Accepted, but some true value is not a finite number. */
  nonFiniteTruth?: boolean;
}

export interface CaseLimits {
  /** Replicates run per accepted case (a file's larger count is lowered to this). */
  replicates: number;
  /** Size of the true-effect population per accepted case (a larger one is lowered to this). */
  truthPatients: number;
}

export const DEFAULT_LIMITS: CaseLimits = { replicates: 3, truthPatients: 2000 };

/**
 * Lowers the workload of a mutated scenario without hiding its mutations:
 * only a valid count (a whole number from 1 up) is lowered, and a missing
 * one is set; a wrong type or an out-of-range value stays for the schema.
 */
export function shrinkWorkload(data: unknown, limits: CaseLimits): void {
  if (!isRecord(data)) return;
  const lower = (obj: Record<string, unknown>, key: string, max: number) => {
    const v = obj[key];
    if (v === undefined) obj[key] = max;
    else if (typeof v === 'number' && Number.isSafeInteger(v) && v > max) obj[key] = max;
  };
  if (!Object.prototype.hasOwnProperty.call(data, 'replicates') || typeof data.replicates === 'number') lower(data, 'replicates', limits.replicates);
  if (data.truth === undefined) data.truth = { patients: limits.truthPatients };
  else if (isRecord(data.truth)) lower(data.truth, 'patients', limits.truthPatients);
}

/** A key path such as `design.substudies[2].eligibility` or a top-level section named in a message. */
const KEY_PATH = /(?:^|[\s'"`(:])(?:[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*|\[\d+\]|\["[^"]*"\])+|name|seed|replicates|truth|population|endpoint|arms|design)\b/;

/** Whether a refusal tells the user where the problem is. */
export function locates(err: UserError): boolean {
  if (err instanceof ScenarioError) return err.issues.length > 0 && err.issues.every((i) => i.path.length > 0 || i.line !== undefined);
  return KEY_PATH.test(err.message);
}

function firstLines(err: unknown): string {
  if (err instanceof ScenarioError) {
    const bad = err.issues.find((i) => i.path.length === 0 && i.line === undefined);
    return bad ? `(no key path or line) ${bad.message}` : err.message.split('\n').slice(1, 3).join(' | ');
  }
  if (err instanceof Error) {
    const frame = err.stack?.split('\n').find((l) => /^\s+at /.test(l))?.trim() ?? '';
    return `${err.name}: ${err.message.split('\n')[0].slice(0, 300)}${err instanceof UserError ? '' : ` ${frame}`}`;
  }
  return String(err);
}

/** Why an accepted scenario's summary is not one its reports can read (a bug, not a refusal), or null. */
function offSchema(summary: Summary): string | null {
  try {
    readWrittenSummary(summary);
    return null;
  } catch (err) {
    return `summary off its published schema: ${firstLines(err)}`;
  }
}

export async function runCase(c: FuzzCase, limits: CaseLimits = DEFAULT_LIMITS): Promise<CaseOutcome> {
  const t0 = performance.now();
  let stage: CaseOutcome['stage'] = 'parse';
  const end = (verdict: Verdict, message = '', extra: Partial<CaseOutcome> = {}): CaseOutcome =>
    ({ index: c.index, verdict, stage, message, ms: performance.now() - t0, kinds: c.kinds, ...extra });
  try {
    const loaded = parseScenarioText(`fuzz-${c.index}.${c.format}`, c.text, c.format);
    shrinkWorkload(loaded.data, limits);
    stage = 'setup';
    const scenario = setupScenario(loaded);
    stage = 'run';
    const sim = await simulate(scenario, { workers: 0 });
    const off = offSchema(sim.summary);
    if (off) return end('crash', off);
    const nonFiniteTruth = Object.values(sim.truth).some((t) => !Number.isFinite(t.value));
    return end('accepted', '', nonFiniteTruth ? { nonFiniteTruth } : {});
  } catch (err) {
    if (err instanceof UserError && err.kind === 'input') {
      if (stage === 'run') return end('late-refusal', firstLines(err));
      return end(locates(err) ? 'refused' : 'unlocated', firstLines(err));
    }
    return end('crash', firstLines(err));
  }
}

/** The own keys of the built-in prototypes, to see whether a case added or changed any. */
export function prototypeFingerprint(): string {
  const protos: [string, object][] = [['Object', Object.prototype], ['Array', Array.prototype], ['Function', Function.prototype], ['String', String.prototype], ['Number', Number.prototype]];
  return protos.map(([name, p]) => `${name}:${Reflect.ownKeys(p).map((k) => {
    const d = Object.getOwnPropertyDescriptor(p, k)!;
    return `${String(k)}=${typeof d.value}${d.get ? 'g' : ''}${d.set ? 's' : ''}`;
  }).join(',')}`).join(';');
}
