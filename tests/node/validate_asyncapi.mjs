// Validates docs/asyncapi.yaml with the official AsyncAPI parser: exit 0 when it parses without
// errors (warnings are printed), 1 otherwise. Usage: node validate_asyncapi.mjs FILE
import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';

const file = process.argv[2];
const parser = new Parser();
const { document, diagnostics } = await parser.parse(readFileSync(file, 'utf8'));
const errors = diagnostics.filter((d) => d.severity === 0);
for (const d of diagnostics) {
  const where = d.path && d.path.length ? d.path.join('.') : '(document)';
  console.log(`${d.severity === 0 ? 'error' : 'note'}: ${where}: ${d.message}`);
}
if (!document || errors.length > 0) {
  console.log(`${file}: ${errors.length} error(s)`);
  process.exit(1);
}
const ops = document.operations().length;
const msgs = document.allMessages().length;
console.log(`${file}: valid AsyncAPI ${document.version()} (${ops} operations, ${msgs} messages)`);
if (ops < 30) process.exit(1);
