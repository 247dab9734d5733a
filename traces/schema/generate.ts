// Writes spec/trace.schema.json from the TypeBox source (spec/trace.ts), so a trace can be checked
// by any standard JSON Schema validator. Run: `node --import=tsx traces/schema/generate.ts`.
// traces/schema/trace-schema-file.test.ts fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TRACE_FORMAT_VERSION, TraceSchema } from '../../spec/trace.ts';

export const traceSchemaPath = fileURLToPath(new URL('../../spec/trace.schema.json', import.meta.url));

/** The file's text: plain JSON (TypeBox's symbols dropped), keys in declaration order. */
export function traceSchemaText(): string {
  const plain = JSON.parse(JSON.stringify(TraceSchema)) as Record<string, unknown>;
  const document = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://kspec.dev/schema/trace/v${TRACE_FORMAT_VERSION}/trace.schema.json`,
    title: `kspec trace (format version ${TRACE_FORMAT_VERSION})`,
    ...plain,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(traceSchemaPath, traceSchemaText());
  process.stdout.write('wrote spec/trace.schema.json\n');
}
