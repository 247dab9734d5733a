import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import test from 'ava';
import { traceSchemaPath, traceSchemaText } from './generate.ts';

test('committed spec/trace.schema.json equals the schema generated from spec/trace.ts (run traces/schema/generate.ts)', (t) => {
  t.is(readFileSync(traceSchemaPath, 'utf8'), traceSchemaText());
});

test('spec/trace.schema.json compiles in a standard draft-07 validator', (t) => {
  const ajv = new Ajv.default({ strict: true, allowUnionTypes: true });
  t.notThrows(() => ajv.compile(JSON.parse(readFileSync(traceSchemaPath, 'utf8'))));
});
