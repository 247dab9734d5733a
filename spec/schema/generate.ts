// Writes the contract's JSON Schemas (spec/schema/*.schema.json) from the TypeBox sources, so
// implementations in any language can validate events and observations with a standard validator.
// `npm run schemas` regenerates them; spec/schema/schema-files.test.ts fails when they are stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TSchema } from '@sinclair/typebox';
import { EventSchema } from '../events.ts';
import { ObservationSchema } from '../observations.ts';
import { SystemStateSchema } from '../state.ts';
import { CapabilitiesSchema, SetupSchema } from '../sut.ts';
import { CONTRACT_VERSION } from '../version.ts';

const DRAFT = 'http://json-schema.org/draft-07/schema#';

export const SCHEMA_FILES: Record<string, { schema: TSchema; title: string }> = {
  'event.schema.json': { schema: EventSchema, title: 'kspec event' },
  'observation.schema.json': { schema: ObservationSchema, title: 'kspec observation' },
  'state.schema.json': { schema: SystemStateSchema, title: 'kspec system state snapshot' },
  'capabilities.schema.json': { schema: CapabilitiesSchema, title: 'kspec system capabilities' },
  'setup.schema.json': { schema: SetupSchema, title: 'kspec run setup' },
};

/** The file's text: plain JSON (TypeBox's symbols dropped), stable key order as declared. */
export function schemaFileText(name: string): string {
  const entry = SCHEMA_FILES[name];
  if (!entry) throw new Error(`no schema file ${name}`);
  const plain = JSON.parse(JSON.stringify(entry.schema)) as Record<string, unknown>;
  const { $id: _ignored, title: _title, ...rest } = plain;
  const document = {
    $schema: DRAFT,
    $id: `https://kspec.dev/schema/v${CONTRACT_VERSION}/${name}`,
    title: `${entry.title} (contract v${CONTRACT_VERSION})`,
    ...rest,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export const schemaDirectory = fileURLToPath(new URL('.', import.meta.url));

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const name of Object.keys(SCHEMA_FILES)) {
    writeFileSync(schemaDirectory + name, schemaFileText(name));
    process.stdout.write(`wrote spec/schema/${name}\n`);
  }
}
