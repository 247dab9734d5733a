// Turns a `kspec validate --json` report into the Markdown section of the report:
//   node --import=tsx docs/librdkafka-mock/to-markdown.ts report.json > report.md
import { readFileSync } from 'node:fs';
import type { ConformanceReport } from '../../properties/validate/conformance.ts';
import { formatMarkdown } from '../../properties/validate/format.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: to-markdown.ts REPORT.json');
  process.exit(2);
}
process.stdout.write(`${formatMarkdown(JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport)}\n`);
