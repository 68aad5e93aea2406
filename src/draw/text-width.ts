/**
 * The width a label will take before it is drawn, so a chart leaves it room
 * or shortens it to fit: SVG text is laid out by the browser, after our
 * layout, and a guess of so many pixels per character let capitals and
 * symbols ("CIT>SER>MRT>TCP") run off the chart.
 *
 * The advance widths are those of DejaVu Sans (in em), the widest of the
 * sans-serif faces a report's font list falls back to (Arial, Helvetica,
 * Roboto, Segoe UI and Liberation Sans are all narrower), so a label
 * measured here fits in any of them. Bold adds 10%. Characters not listed
 * count as wide (0.84 em: the width of DejaVu's math symbols).
 */

const WIDE = 0.84;

/** Advance widths in em, by character. */
const EM: Record<string, number> = {};
function widths(chars: string, em: number): void {
  for (const c of chars) EM[c] = em;
}
widths(' ', 0.318);
widths('0123456789', 0.636);
widths('.,:;', 0.33);
widths('!|', 0.4);
widths('\'', 0.275);
widths('"', 0.46);
widths('()[]{}', 0.39);
widths('-', 0.361);
widths('/\\', 0.337);
widths('_', 0.5);
widths('%', 0.95);
widths('&', 0.78);
widths('#$*?@^`~', 0.7);
widths('ijl', 0.278);
widths('ft', 0.392);
widths('r', 0.411);
widths('sz', 0.525);
widths('ckvxy', 0.592);
widths('abdeghnopqu', 0.635);
widths('w', 0.818);
widths('m', 0.974);
widths('IJ', 0.295);
widths('L', 0.557);
widths('FTYPS', 0.64);
widths('ABEKRVXZ', 0.7);
widths('CDGHNOQU', 0.79);
widths('M', 0.863);
widths('W', 0.989);
widths('…—', 1.0);

/** The width in pixels of `text` at `fontSize` pixels (an upper bound over the report's fonts). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const c of text) em += EM[c] ?? WIDE;
  return em * fontSize * (bold ? 1.1 : 1);
}

/** `text`, shortened with an ellipsis where needed so that it is at most `maxWidth` pixels wide. */
export function fitText(text: string, maxWidth: number, fontSize: number, bold = false): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const chars = [...text];
  let n = chars.length - 1;
  while (n > 0 && textWidth(`${chars.slice(0, n).join('').trimEnd()}…`, fontSize, bold) > maxWidth) n--;
  return `${chars.slice(0, n).join('').trimEnd()}…`;
}
