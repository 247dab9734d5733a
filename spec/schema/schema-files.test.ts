import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import test from 'ava';
import { SCHEMA_FILES, schemaDirectory, schemaFileText } from './generate.ts';

for (const name of Object.keys(SCHEMA_FILES)) {
  test(`committed ${name} equals the schema generated from the TypeBox source (run npm run schemas)`, (t) => {
    t.is(readFileSync(schemaDirectory + name, 'utf8'), schemaFileText(name));
  });

  test(`${name} compiles in a standard draft-07 validator`, (t) => {
    const ajv = new Ajv.default({ strict: true, allowUnionTypes: true });
    t.notThrows(() => ajv.compile(JSON.parse(readFileSync(schemaDirectory + name, 'utf8'))));
  });
}
