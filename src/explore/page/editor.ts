/**
 * The scenario editor: CodeMirror 6 with YAML highlighting, completion of
 * keys and values from the scenario JSON Schema, and the loader's own
 * messages shown at their lines (set from outside: the checking happens in
 * a worker). Tab is left to move focus (CodeMirror's default), so the page
 * stays usable from the keyboard.
 */
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { syntaxHighlighting, defaultHighlightStyle, indentOnInput } from '@codemirror/language';
import { autocompletion, completionKeymap, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { setDiagnostics, lintGutter, lintKeymap, type Diagnostic } from '@codemirror/lint';
import { yaml } from '@codemirror/lang-yaml';
import { parse } from 'yaml';
import { cursorPlace } from '../yaml-path.js';
import { keysAt, valuesAt, type SchemaNode } from '../schema-walk.js';
import { formatPath, type ScenarioIssue } from '../../scenario/errors.js';

function tolerantParse(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

function schemaCompletion(schema: SchemaNode) {
  return (ctx: CompletionContext): CompletionResult | null => {
    const text = ctx.state.doc.toString();
    const place = cursorPlace(text, ctx.pos);
    if (!ctx.explicit && place.word === '') return null;
    const data = tolerantParse(text);
    if (place.key !== undefined) {
      const values = valuesAt(schema, [...place.path, place.key], data);
      if (values.length === 0) return null;
      return { from: place.from, options: values.map((v) => ({ label: String(v), type: 'enum' })) };
    }
    const keys = keysAt(schema, place.path, data);
    if (keys.length === 0) return null;
    return {
      from: place.from,
      options: keys.map((k) => ({ label: k.key, apply: `${k.key}: `, type: 'property', detail: k.type, info: k.description })),
      validFor: /^[\w$.-]*$/,
    };
  };
}

export interface Editor {
  view: EditorView;
  text(): string;
  setText(text: string): void;
  /** Replaces characters from..to (a value the parameter panel changed). */
  replace(from: number, to: number, insert: string): void;
  showIssues(issues: ScenarioIssue[]): void;
}

export function createEditor(parent: HTMLElement, text: string, schema: SchemaNode, onChange: (text: string) => void): Editor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(), history(), drawSelection(), highlightActiveLine(), indentOnInput(), EditorView.lineWrapping,
        syntaxHighlighting(defaultHighlightStyle), yaml(), lintGutter(),
        autocompletion({ override: [schemaCompletion(schema)] }),
        keymap.of([...completionKeymap, ...lintKeymap, ...historyKeymap, ...defaultKeymap]),
        EditorView.contentAttributes.of({ 'aria-label': 'scenario YAML', 'aria-multiline': 'true' }),
        EditorView.updateListener.of((u) => { if (u.docChanged) onChange(u.state.doc.toString()); }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText: (t) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t } }),
    replace: (from, to, insert) => view.dispatch({ changes: { from, to, insert } }),
    showIssues(issues) {
      const doc = view.state.doc;
      const diagnostics: Diagnostic[] = issues.map((i) => {
        const line = doc.line(Math.min(Math.max(1, i.line ?? 1), doc.lines));
        const where = i.path.length > 0 ? `${formatPath(i.path)}: ` : '';
        return { from: line.from, to: line.to, severity: 'error', message: `${where}${i.message}` };
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
  };
}
