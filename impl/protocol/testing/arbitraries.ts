// fast-check arbitraries derived from a schema at one version: every field the version carries gets
// a random value of its wire type, and fields the version lacks get their defaults, so a generated
// value is exactly what decoding its encoding must give back.
import fc from 'fast-check';
import type { AnyType } from '../schema.ts';

const ranges: Record<string, [number, number]> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

export interface ArbitraryOptions {
  maxArrayLength?: number;
  maxStringLength?: number;
}

export function arbitraryFor(
  type: AnyType,
  version: number,
  options: ArbitraryOptions = {},
): fc.Arbitrary<unknown> {
  const maxArrayLength = options.maxArrayLength ?? 3;
  const maxStringLength = options.maxStringLength ?? 12;
  const shape = type.shape;
  switch (shape.kind) {
    case 'primitive': {
      const range = ranges[type.name];
      if (range) return fc.integer({ min: range[0], max: range[1] });
      if (type.name === 'bool') return fc.boolean();
      if (type.name === 'string') return fc.string({ maxLength: maxStringLength, unit: 'grapheme' });
      if (type.name === 'uuid')
        return fc
          .uint8Array({ minLength: 16, maxLength: 16 })
          .map((b) => Buffer.from(b).toString('base64url'));
      return fc.uint8Array({ maxLength: 24 }).map((bytes) => Buffer.from(bytes));
    }
    case 'array':
      return fc.array(arbitraryFor(shape.element, version, options), { maxLength: maxArrayLength });
    case 'nullable': {
      const inner = arbitraryFor(shape.inner, version, options);
      return version >= shape.fromVersion ? fc.option(inner, { nil: null, freq: 4 }) : inner;
    }
    case 'struct': {
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, spec] of Object.entries(shape.fields)) {
        const present = version >= spec.from && version <= spec.to;
        const absent = spec.default !== undefined ? spec.default : spec.type.defaultValue();
        record[name] = present ? arbitraryFor(spec.type, version, options) : fc.constant(absent);
      }
      return fc.record(record);
    }
  }
}
