// A small declarative grammar for Kafka messages (non-flexible versions), in the spirit of Kafka's
// own message JSON: a struct is an ordered list of fields, each present in a range of versions.
// One description drives both directions, so every codec is symmetric by construction:
// `encode(schema, value, version)` and `decode(schema, reader, version)`.
// Rules: WP-10 (a field absent from a version reads as its default), WP-12 (byte-compatible with kafkajs).
//
// Two TypeScript views of each message: `Infer<S>` is what decoding yields (every field present,
// absent-in-this-version fields set to their defaults); `Input<S>` is what encoding accepts (fields
// gated by version may be omitted and are then written as their defaults).
import {
  ProtocolDecodeError,
  ProtocolEncodeError,
  type Reader,
  type RecordSet,
  type Writer,
} from './primitives.ts';

export interface Type<T, I = T> {
  readonly name: string;
  write(writer: Writer, value: I, version: number): void;
  read(reader: Reader, version: number): T;
  defaultValue(): T;
  /** Whether `null` can be written as the -1 length of this type. */
  readonly nullCapable: boolean;
  /** What the type is made of, for generators and grammar listings. */
  readonly shape: Shape;
}

export type Shape =
  | { kind: 'primitive' }
  | { kind: 'array'; element: AnyType }
  | { kind: 'nullable'; inner: AnyType; fromVersion: number }
  | { kind: 'struct'; fields: Record<string, AnyField> };

export type AnyType = Type<any, any>;
export type Infer<S> = S extends Type<infer T, any> ? T : never;
export type Input<S> = S extends Type<any, infer I> ? I : never;

const primitive = <T, I = T>(
  name: string,
  write: (writer: Writer, value: I) => void,
  read: (reader: Reader) => T,
  defaultValue: () => T,
  nullCapable = false,
): Type<T, I> => ({
  name,
  write: (writer, value) => write(writer, value),
  read: (reader) => read(reader),
  defaultValue,
  nullCapable,
  shape: { kind: 'primitive' },
});

export const int8 = primitive<number>(
  'int8',
  (w, v) => w.int8(v),
  (r) => r.int8(),
  () => 0,
);
export const int16 = primitive<number>(
  'int16',
  (w, v) => w.int16(v),
  (r) => r.int16(),
  () => 0,
);
export const int32 = primitive<number>(
  'int32',
  (w, v) => w.int32(v),
  (r) => r.int32(),
  () => 0,
);
export const int64 = primitive<number>(
  'int64',
  (w, v) => w.int64(v),
  (r) => r.int64(),
  () => 0,
);
export const bool = primitive<boolean>(
  'bool',
  (w, v) => w.bool(v),
  (r) => r.bool(),
  () => false,
);
export const string = primitive<string>(
  'string',
  (w, v) => w.nullableString(v),
  (r) => r.string(),
  () => '',
  true,
);
export const bytes = primitive<Buffer, Uint8Array>(
  'bytes',
  (w, v) => w.nullableBytes(v),
  (r) => r.bytes(),
  () => Buffer.alloc(0),
  true,
);
/** Record batches as opaque bytes (the log stores and serves them as received). */
export const records = primitive<Buffer, RecordSet>(
  'records',
  (w, v) => w.records(v),
  (r) => r.bytes(),
  () => Buffer.alloc(0),
  true,
);

export function array<T, I>(element: Type<T, I>): Type<T[], readonly I[]> {
  return {
    name: `[]${element.name}`,
    nullCapable: true,
    shape: { kind: 'array', element },
    write(writer, value, version) {
      writer.int32(value.length);
      for (const item of value) element.write(writer, item, version);
    },
    read(reader, version) {
      const length = reader.arrayLength(false);
      const items: T[] = new Array(length);
      for (let index = 0; index < length; index++) items[index] = element.read(reader, version);
      return items;
    },
    defaultValue: () => [],
  };
}

/**
 * `inner` or null; null is legal on the wire only from `fromVersion` on (Kafka's nullableVersions).
 * Writing null at an earlier version is a caller bug (throws); reading -1 there is malformed.
 */
export function nullable<T, I>(inner: Type<T, I>, fromVersion = 0): Type<T | null, I | null> {
  if (!inner.nullCapable) throw new Error(`${inner.name} cannot be null on the wire`);
  const allowed = (version: number) => version >= fromVersion;
  return {
    name: `${inner.name}?`,
    nullCapable: true,
    shape: { kind: 'nullable', inner, fromVersion },
    write(writer, value, version) {
      if (value !== null) return inner.write(writer, value, version);
      if (!allowed(version))
        throw new ProtocolEncodeError(`${inner.name} cannot be null in version ${version}`);
      if (inner.name === 'string') writer.int16(-1);
      else writer.int32(-1);
    },
    read(reader, version) {
      const at = reader.offset;
      const isNull = inner.name === 'string' ? reader.int16() === -1 : reader.int32() === -1;
      reader.offset = at;
      if (!isNull) return inner.read(reader, version);
      if (!allowed(version)) {
        throw new ProtocolDecodeError(
          `null ${inner.name} at byte ${at} is not allowed in version ${version}`,
        );
      }
      reader.offset += inner.name === 'string' ? 2 : 4;
      return null;
    },
    defaultValue: () => null,
  };
}

export interface Field<T, I, Gated extends boolean> {
  readonly type: Type<T, I>;
  readonly from: number;
  readonly to: number;
  readonly default: T | undefined;
  /** Type-level marker: fields that exist only in some versions may be omitted when encoding. */
  readonly gated?: Gated;
}
export type AnyField = Field<any, any, boolean>;

/** A field present in every version. */
export function field<T, I>(type: Type<T, I>): Field<T, I, false> {
  return { type, from: 0, to: Number.POSITIVE_INFINITY, default: undefined };
}

/** A field present in versions `from`..`to` (inclusive), read as `defaultValue` elsewhere. */
export function since<T, I>(
  from: number,
  type: Type<T, I>,
  options: { to?: number; default?: T } = {},
): Field<T, I, true> {
  return { type, from, to: options.to ?? Number.POSITIVE_INFINITY, default: options.default };
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type StructValue<F extends Record<string, AnyField>> = Simplify<{
  [K in keyof F]: F[K] extends Field<infer T, any, boolean> ? T : never;
}>;
type RequiredKeys<F> = { [K in keyof F]: F[K] extends Field<any, any, false> ? K : never }[keyof F];
type OptionalKeys<F> = { [K in keyof F]: F[K] extends Field<any, any, false> ? never : K }[keyof F];
type StructInput<F extends Record<string, AnyField>> = Simplify<
  { [K in RequiredKeys<F>]: F[K] extends Field<any, infer I, boolean> ? I : never } & {
    [K in OptionalKeys<F>]?: F[K] extends Field<any, infer I, boolean> ? I : never;
  }
>;

export interface StructType<F extends Record<string, AnyField>> extends Type<StructValue<F>, StructInput<F>> {
  readonly fields: F;
}

/** An ordered struct: fields are written in the order the object literal lists them. */
export function struct<F extends Record<string, AnyField>>(fields: F): StructType<F> {
  const entries = Object.entries(fields) as [string, AnyField][];
  const fallback = (spec: AnyField) => (spec.default !== undefined ? spec.default : spec.type.defaultValue());
  return {
    name: 'struct',
    nullCapable: false,
    fields,
    shape: { kind: 'struct', fields },
    write(writer, value, version) {
      const input = value as Record<string, unknown>;
      for (const [name, spec] of entries) {
        if (version < spec.from || version > spec.to) continue;
        const fieldValue = input[name] === undefined ? fallback(spec) : input[name];
        try {
          spec.type.write(writer, fieldValue, version);
        } catch (error) {
          if (error instanceof ProtocolEncodeError)
            throw new ProtocolEncodeError(`${name}: ${error.message}`);
          throw new ProtocolEncodeError(`${name}: ${(error as Error).message}`);
        }
      }
    },
    read(reader, version) {
      const value: Record<string, unknown> = {};
      for (const [name, spec] of entries) {
        value[name] =
          version < spec.from || version > spec.to ? fallback(spec) : spec.type.read(reader, version);
      }
      return value as StructValue<F>;
    },
    defaultValue() {
      const value: Record<string, unknown> = {};
      for (const [name, spec] of entries) value[name] = fallback(spec);
      return value as StructValue<F>;
    },
  };
}

/** The grammar of one version as indented lines (`name: type`), for docs and error messages. */
export function describe(type: AnyType, version: number, indent = ''): string[] {
  const shape = type.shape;
  if (shape.kind === 'array') return describe(shape.element, version, indent);
  if (shape.kind === 'nullable') return describe(shape.inner, version, indent);
  if (shape.kind !== 'struct') return [];
  const lines: string[] = [];
  for (const [name, spec] of Object.entries(shape.fields)) {
    if (version < spec.from || version > spec.to) continue;
    lines.push(`${indent}${name}: ${spec.type.name}`);
    lines.push(...describe(spec.type, version, `${indent}  `));
  }
  return lines;
}
