// Code-shape figures for the closing notes: median file length of src/, and
// the functions longer than 40 and 60 lines (function declarations,
// methods, arrow functions and function expressions), with the longest.
// Run: node scripts/code-metrics.mjs
import ts from 'typescript';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);

const lengths = [];
const functions = [];
for (const file of files('src')) {
  const text = readFileSync(file, 'utf8');
  lengths.push(text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = node.name?.getText() ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText() : '(anonymous)');
      functions.push({ where: `${file}:${start + 1}`, name, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
lengths.sort((a, b) => a - b);
const median = lengths[Math.floor(lengths.length / 2)];
const over = (n) => functions.filter((f) => f.lines > n);
process.stdout.write(`src/: ${lengths.length} files, median ${median} lines; ${functions.length} functions, ${over(40).length} over 40 lines, ${over(60).length} over 60\n`);
for (const f of over(60).sort((a, b) => b.lines - a.lines)) process.stdout.write(`  ${String(f.lines).padStart(4)}  ${f.name}  ${f.where}\n`);
