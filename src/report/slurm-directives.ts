/**
 * Allow-lists for the values written into a Slurm job script. #SBATCH lines
 * are read by sbatch, not by a shell, so they cannot be quoted: every value
 * that reaches one must match its directive's own format, and nothing with a
 * newline, quote, `$` or backtick can. Paths that reach shell lines are
 * quoted (see slurm-scripts.ts) and only refused for control characters.
 */
import { UserError } from '../scenario/errors.js';

interface Directive { option: string; pattern: RegExp; expected: string }

/** Slurm's --time formats (sbatch(1)): MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS, or no limit. */
const TIME: Directive = {
  option: '--time',
  pattern: /^(\d+(:\d{1,2}){0,2}|\d+-\d{1,2}(:\d{1,2}){0,2}|UNLIMITED|unlimited|infinite)$/,
  expected: 'a Slurm time limit (MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS)',
};

/** Partition names as sites name them; sbatch takes a comma-separated list. */
const PARTITION: Directive = {
  option: '--partition',
  pattern: /^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$/,
  expected: 'partition names of letters, digits, "_", "-" and "." (comma-separated)',
};

/** sbatch --mem: a whole number, megabytes unless a unit K, M, G or T follows. */
const MEMORY: Directive = {
  option: '--mem',
  pattern: /^[1-9]\d{0,9}[KMGTkmgt]?$/,
  expected: 'memory as a whole number with an optional unit K, M, G or T (e.g. 4G)',
};

/** The script folder appears in #SBATCH --output, so only characters no parser treats specially. */
const FOLDER: Directive = {
  option: '--out',
  pattern: /^[A-Za-z0-9/._+,@=:-]+$/,
  expected: 'a folder path of letters, digits and / . _ - + , @ = : only (it is written into #SBATCH lines)',
};

/** Accounts and QOS names as sites name them. */
const ACCOUNT: Directive = { option: '--account', pattern: /^[A-Za-z0-9_.-]{1,100}$/, expected: 'an account name of letters, digits, "_", "-" and "."' };
const QOS: Directive = { option: '--qos', pattern: /^[A-Za-z0-9_.-]{1,100}$/, expected: 'a QOS name of letters, digits, "_", "-" and "."' };

/** Directives trialsim writes itself: set through their own options, not --sbatch. */
const OWN = new Set(['job-name', 'cpus-per-task', 'time', 'partition', 'mem', 'array', 'output', 'account', 'qos', 'dependency', 'wrap']);

function check(d: Directive, value: string): string {
  if (!d.pattern.test(value)) throw new UserError(`${d.option}: expected ${d.expected}, found ${JSON.stringify(value)}`);
  return value;
}

export const slurmTime = (value: string) => check(TIME, value);
export const slurmPartition = (value: string) => check(PARTITION, value);
export const slurmMemory = (value: string) => check(MEMORY, value);
export const slurmFolder = (value: string) => check(FOLDER, value);
export const slurmAccount = (value: string) => check(ACCOUNT, value);
export const slurmQos = (value: string) => check(QOS, value);

/**
 * Any other directive, given as --sbatch KEY=VALUE: KEY an sbatch long
 * option name, VALUE of characters no #SBATCH parser treats specially (no
 * spaces, quotes, $, backticks or newlines); refused for the directives
 * trialsim writes itself. Returns the #SBATCH line's argument.
 */
export function slurmExtra(entry: string): string {
  const eq = entry.indexOf('=');
  const key = eq < 0 ? entry : entry.slice(0, eq), value = eq < 0 ? '' : entry.slice(eq + 1);
  if (!/^[a-z][a-z0-9-]{0,40}$/.test(key)) throw new UserError(`--sbatch: expected KEY=VALUE with KEY an sbatch option name (lower-case letters, digits, "-"), found ${JSON.stringify(entry)}`);
  if (OWN.has(key)) throw new UserError(`--sbatch: ${key} is written by trialsim itself; use its own option (--${key === 'cpus-per-task' ? 'cpus' : key}) instead`);
  if (!/^[A-Za-z0-9_.,:@%+/=-]{1,200}$/.test(value)) throw new UserError(`--sbatch ${key}: expected a value of letters, digits and _ . , : @ % + / = - only, found ${JSON.stringify(value)}`);
  return `--${key}=${value}`;
}

/** A path for a quoted shell word: quoting handles every character but the control characters, refused here. */
export function shellPath(what: string, value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new UserError(`${what}: expected a path without control characters (newlines, tabs), found ${JSON.stringify(value)}`);
  return value;
}
