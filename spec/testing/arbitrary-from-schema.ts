// fast-check arbitraries derived from the contract's JSON Schemas, so a property test can generate
// every event and observation shape the schema allows (and nothing else). Covers the subset of
// JSON Schema the contract uses: anyOf, const, enum, object, record, array, string, integer, number,
// boolean, null. Sizes are clamped so generated values stay small.
import fc from 'fast-check';
import { HEX_BYTES_PATTERN } from '../common.ts';

type JsonSchema = {
  anyOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  patternProperties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
};

const NAME_CHARACTERS = 'abcxyzABC019._-'.split('');
const MAX_ARRAY = 4;
const MAX_STRING = 12;

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? MAX_STRING, MAX_STRING));
  if (schema.pattern === HEX_BYTES_PATTERN) {
    // Bytes in hex (produce.records): whole bytes, so the string is even.
    return fc
      .uint8Array({ maxLength: Math.floor(maxLength / 2) })
      .map((bytes) => Buffer.from(bytes).toString('hex'));
  }
  if (schema.pattern) {
    // Every other pattern in the contract is a name pattern over [A-Za-z0-9._-].
    return fc
      .array(fc.constantFrom(...NAME_CHARACTERS), { minLength: Math.max(1, minLength), maxLength })
      .map((characters) => characters.join(''));
  }
  return fc.string({ minLength, maxLength });
}

function integerArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? -1_000_000;
  const max = schema.maximum ?? Math.max(min + 1_000_000, 1_000_000);
  return fc.integer({ min, max });
}

export function arbitraryFromSchema(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map(arbitraryFromSchema));
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object': {
      if (schema.patternProperties) {
        const [valueSchema] = Object.values(schema.patternProperties);
        return fc.dictionary(
          stringArbitrary({ pattern: 'name', minLength: 1 }),
          arbitraryFromSchema(valueSchema ?? {}),
          {
            maxKeys: MAX_ARRAY,
          },
        );
      }
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(properties)) record[key] = arbitraryFromSchema(value);
      const optional = Object.keys(properties).filter((key) => !required.has(key));
      return fc.record(record, { requiredKeys: [...required] as never[] }).map((value) => {
        // fc.record with requiredKeys leaves optional keys out or in; nothing more to do.
        void optional;
        return value;
      });
    }
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? MAX_ARRAY, MAX_ARRAY));
      return fc.array(arbitraryFromSchema(schema.items ?? {}), { minLength, maxLength });
    }
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return integerArbitrary(schema);
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      throw new Error(`arbitraryFromSchema: unsupported schema ${JSON.stringify(schema).slice(0, 120)}`);
  }
}
