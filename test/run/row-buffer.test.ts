/**
 * A chunk's rows written into the reused byte buffer read back as the same
 * text: non-ASCII names (UTF-8 of up to 3 bytes a unit, and surrogate
 * pairs) and more rows than the buffer first holds; a new chunk starts
 * empty. And a finite number's text is String(x)'s.
 */
import { describe, it, expect } from 'vitest';
import { RowBuffer, rowsText } from '../../src/run/row-buffer.js';
import { finiteText } from '../../src/util/csv.js';

describe('the row buffer', () => {
  it('gives back the text of its rows, across growth and chunks', () => {
    const rows = new RowBuffer();
    const text = Array.from({ length: 3000 }, (_, r) => `${r},1,0,0.13${r},Médicament-α,药物,🧪\n`);
    for (const row of text) rows.append(row);
    expect(rowsText(rows.take())).toBe(text.join(''));
    rows.clear();
    rows.append('1,2\n');
    expect(rowsText(rows.take())).toBe('1,2\n');
  });

  it('hands over each chunk in an array of its own', () => {
    const rows = new RowBuffer();
    rows.append('a\n');
    const first = rows.take();
    rows.clear();
    rows.append('b\n');
    expect(rowsText(first)).toBe('a\n');
    expect(first.byteOffset).toBe(0);
    expect(first.buffer.byteLength).toBe(first.length);
  });
});

describe('finite numbers as text', () => {
  it('are written as String writes them', () => {
    for (const x of [0, -0, 1, -1, 0.1, 1 / 3, 2 ** 53, 2 ** 53 + 2, 1e21, 1.5e-7, 5e-324, Number.MAX_VALUE, -123.456e-200, 0.30000000000000004]) {
      expect(finiteText(x)).toBe(String(x));
    }
  });
});
