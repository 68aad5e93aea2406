/**
 * The raw material of mutations: extreme numbers, hostile strings and
 * misspellings of keys.
 */
import type { RandomSource } from '../random/stream.js';

export const pick = <T>(rng: RandomSource, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
export const below = (rng: RandomSource, n: number): number => Math.floor(rng() * n);

/** Text written into the file as is, in place of a value (a number token JSON cannot write, data nested deeper than any writer recurses). */
export interface Raw {
  raw: string;
}
export const raw = (text: string): Raw => ({ raw: text });
export const isRaw = (v: unknown): v is Raw => typeof v === 'object' && v !== null && typeof (v as Raw).raw === 'string' && Object.keys(v).length === 1;

/** The marker of the k-th raw text in the data, replaced once the text is written. */
export const rawMarker = (k: number): string => `@@RAW:${k}@@`;
export const RAW_MARKER = /["']?@@RAW:(\d+)@@["']?/g;

/** Numbers at and past the edges of doubles, integers and the schema's bounds. */
export const EXTREME_NUMBERS: readonly unknown[] = [
  0, -0, -1, 1, 1e308, -1e308, 1e-320, -1e-320, 2 ** 53, 2 ** 53 + 2, 2 ** 64, -(2 ** 53), 2 ** 31, 2 ** 32, 1e21, 1e9, 1e10,
  0.5, 2.5, 0.999999, 1.0000001, 1 - 1e-16, 1e-9, 50.000001, 1e4 + 1, 3.14159, 123456789012345680000,
  'NaN', 'Infinity', '-Infinity', '1e308', '0x10', '1_000', '',
  raw('1e400'), raw('-1e400'), raw('123456789012345678901234567890'), raw('1e-400'), raw('-0.0'),
];
/** Tokens only YAML reads as numbers (JSON would refuse them as malformed). */
export const YAML_NUMBER_TOKENS: readonly Raw[] = ['.nan', '.inf', '-.inf', '0x7fffffff', '0o777', '+12', '1e+400'].map(raw);

const LONG = 'x'.repeat(100_000);

/** Strings aimed at prototype keys, paths, shells, terminals, parsers and unicode handling. */
export const HOSTILE_STRINGS: readonly string[] = [
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__',
  '../../etc/passwd', '/etc/passwd', 'C:\\Windows\\system32', 'a/b', '.', '..',
  'line one\nline two', '\r\n', '\t', '$(rm -rf /)', '`touch /tmp/pwned`', '"; rm -rf / #', "'; DROP TABLE trials; --", '${HOME}', '%s%s%n',
  LONG, '', ' ', '\u0000', '\u001b[31mred\u001b[0m', '\u202egnp.exe', 'e\u0301', '😀🧬', '\ud800', 'ＡＬＫ', 'alk\u200b',
  'NaN', 'null', 'true', '1e308', '-1', '<script>alert(1)</script>', '{{7*7}}', '*alias', '&anchor', '!!js/function', '#comment',
  'a and', 'not', '(((', 'alk >= ', 'x == 1 or', '>= 0.5', 'alk and not not not', 'pdl1 >= 1e400', 'pdl1 >= NaN',
];

/** Keys a scenario never has (for "unknown key" mutations). */
export const UNKNOWN_KEYS: readonly string[] = ['extra', 'zzUnknown', 'Name', 'seed ', 'type2', '__proto__', 'constructor', 'prototype', 'toString', '', ' ', '😀', 'a'.repeat(1000), '0', '-1', 'line\nbreak'];

/** A likely misspelling of a key: two letters swapped, one dropped or doubled, case or separators changed, a plural. */
export function typo(rng: RandomSource, key: string): string {
  if (key.length < 2) return `${key}${key}`;
  const i = below(rng, key.length - 1);
  const variants = [
    key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2),
    key.slice(0, i) + key.slice(i + 1),
    key.slice(0, i) + key[i] + key.slice(i),
    key[0].toUpperCase() + key.slice(1),
    key.toLowerCase() === key ? key.toUpperCase() : key.toLowerCase(),
    key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
    key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
    `${key}s`,
    ` ${key}`,
  ];
  const t = pick(rng, variants);
  return t === key ? `${key}_` : t;
}
