/**
 * The parameter panel: a labelled number input (and a slider where the
 * schema bounds the value) for each key parameter found in the scenario.
 * A change edits that value in the editor's text, which then goes through
 * the same check and run as typing would.
 */
import { keyParameters, type KeyParameter } from '../key-parameters.js';
import type { SchemaNode } from '../schema-walk.js';
import type { Editor } from './editor.js';

/** A slider's range: the schema's bounds, else a span around the current value. */
function sliderRange(p: KeyParameter): [number, number, number] | undefined {
  const last = p.path[p.path.length - 1];
  if (last === 'seed' || last === 'replicates') return undefined;
  if (p.min !== undefined && p.max !== undefined && p.max - p.min <= 1) return [p.min, p.max, 0.01];
  if (last === 'sampleSize') return [Math.max(1, p.min ?? 1), Math.max(1000, 4 * p.value), 1];
  if (!p.integer) return [-3, 3, 0.05];
  return undefined;
}

function row(p: KeyParameter, k: number, onValue: (p: KeyParameter, text: string) => void): HTMLElement[] {
  const id = `param-${k}`;
  const label = Object.assign(document.createElement('label'), { htmlFor: id, textContent: p.key });
  const box = document.createElement('div');
  box.className = 'inputs';
  const number = Object.assign(document.createElement('input'), { type: 'number', id, value: String(p.value), step: p.integer ? '1' : 'any' });
  number.dataset.key = p.key;
  if (p.min !== undefined) number.min = String(p.min);
  if (p.max !== undefined) number.max = String(p.max);
  if (p.description) number.title = p.description;
  number.addEventListener('change', () => onValue(p, number.value));
  box.append(number);
  const range = sliderRange(p);
  if (range) {
    const slider = Object.assign(document.createElement('input'), { type: 'range', min: String(range[0]), max: String(range[1]), step: String(range[2]), value: String(p.value) });
    slider.setAttribute('aria-label', `${p.key} (slider)`);
    slider.addEventListener('input', () => { number.value = slider.value; });
    slider.addEventListener('change', () => onValue(p, slider.value));
    box.append(slider);
  }
  return [label, box];
}

/** Redraws the panel from the editor's text (only when the set of parameters changed, so focus stays put). */
export function panel(form: HTMLFormElement, keys: HTMLDataListElement, editor: Editor, schema: SchemaNode) {
  let shown = '';
  const onValue = (p: KeyParameter, text: string) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) return;
    // The value may have moved since the panel was drawn: find it again in the current text.
    const now = keyParameters(editor.text(), schema).find((q) => q.key === p.key);
    if (now) editor.replace(now.from, now.to, String(value));
  };
  return (text: string) => {
    const params = keyParameters(text, schema);
    const signature = params.map((p) => p.key).join('|');
    if (signature === shown) {
      for (const p of params) {
        const input = form.querySelector<HTMLInputElement>(`input[data-key="${CSS.escape(p.key)}"]`);
        if (input && document.activeElement !== input && Number(input.value) !== p.value) input.value = String(p.value);
      }
      return;
    }
    if (params.length === 0 && text.trim() !== '' && shown !== '') return; // unparsable for now: keep the last panel
    shown = signature;
    form.replaceChildren(...params.flatMap((p, k) => row(p, k, onValue)));
    keys.replaceChildren(...params.map((p) => Object.assign(document.createElement('option'), { value: p.key })));
  };
}
