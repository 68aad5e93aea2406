/**
 * Where the cursor is in a block-style YAML scenario: the key path of the
 * mapping it is in, read from indentation alone (the text being typed is
 * usually not valid YAML yet), and whether a key or a value is being typed.
 * Items of a list count as index 0: the schema describes every item alike.
 */

export interface CursorPlace {
  /** The mapping the cursor is in. */
  path: (string | number)[];
  /** The key of the line, when the cursor is past its colon (a value is being typed). */
  key?: string;
  /** What has been typed of the word at the cursor, and where it starts (offset in the text). */
  word: string;
  from: number;
}

const KEY_LINE = /^(\s*)(-\s+)?([A-Za-z_$][\w$.-]*)\s*:(?:\s|$)/;
const DASH_LINE = /^(\s*)-(\s|$)/;

function isBlank(line: string): boolean {
  return /^\s*(#.*)?$/.test(line);
}

/** The parents of a line whose content starts at column `target`, innermost first. */
function parents(lines: string[], before: number, target: number): (string | number)[] {
  const out: (string | number)[] = [];
  for (let l = before - 1; l >= 0 && target > 0; l--) {
    const line = lines[l];
    if (isBlank(line)) continue;
    const key = KEY_LINE.exec(line);
    const dashCol = DASH_LINE.test(line) ? line.indexOf('-') : -1;
    const keyCol = key ? key[1].length + (key[2]?.length ?? 0) : -1;
    if (key && keyCol < target) {
      out.push(key[3]);
      target = keyCol;
    }
    if (dashCol >= 0 && dashCol < target) {
      out.push(0);
      target = dashCol;
    }
  }
  return out;
}

export function cursorPlace(text: string, offset: number): CursorPlace {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lines = text.slice(0, lineStart).split('\n');
  const before = text.slice(lineStart, offset);
  const word = /[\w$.-]*$/.exec(before)![0];
  const from = offset - word.length;
  const m = /^(\s*)(-\s+)?/.exec(before)!;
  // An item's line ("- key") sits at its dash: the earlier items of the list are its siblings, not its parents.
  const path = parents(lines, lines.length - 1, m[2] ? m[1].length : m[0].length).reverse();
  if (m[2]) path.push(0);
  const key = /^\s*(?:-\s+)?([A-Za-z_$][\w$.-]*)\s*:\s/.exec(before);
  return key ? { path, key: key[1], word, from } : { path, word, from };
}
