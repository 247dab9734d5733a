// A small declarative grammar for Kafka messages, in the spirit of Kafka's own message JSON: a
// struct is an ordered list of fields, each present in a range of versions. One description drives
// both directions, so every codec is symmetric by construction: `encode(schema, value, version)` and
// `decode(schema, reader, version)`.
//
// Flexible versions (KIP-482) are a property of the message, not of each field: a top-level struct
// says from which version it is flexible (`struct(fields, { flexible: 9 })`), and the same field
// list is then written in its compact forms (strings, bytes, arrays and records with an unsigned
// varint length + 1, 0 for null) with a tagged-field section closing every struct. Tagged fields
// (`tagged(tag, version, type)`) are written only when they differ from their default; unknown tags
// are skipped when read. Nested structs inherit the message's flexibility.
// Rules: WP-10 (a field absent from a version reads as its default), WP-12 (byte-compatible with
// kafkajs), WP-14 (flexible versions: compact forms and tagged fields, byte-compatible with Kafka's
// own serialisation).
//
// Two TypeScript views of each message: `Infer<S>` is what decoding yields (every field present,
// absent-in-this-version fields set to their defaults); `Input<S>` is what encoding accepts (fields
// gated by version may be omitted and are then written as their defaults).
import { ProtocolDecodeError, ProtocolEncodeError, Reader, type RecordSet, Writer } from './primitives.ts';

export interface Type<T, I = T> {
  readonly name: string;
  /** `flexible`: the message's version is flexible (compact forms, tagged fields). */
  write(writer: Writer, value: I, version: number, flexible?: boolean): void;
  read(reader: Reader, version: number, flexible?: boolean): T;
  defaultValue(): T;
  /** How null is written and recognised, for types whose length prefix can say null. */
  readonly nulls: NullCodec | undefined;
  /** What the type is made of, for generators and grammar listings. */
  readonly shape: Shape;
}

/** Null as a length: -1 as int16 (strings) or int32 (the rest), or 0 as a compact length. */
interface NullCodec {
  write(writer: Writer, flexible: boolean): void;
  /** True, having consumed it, when the next value is null; otherwise reads nothing. */
  read(reader: Reader, flexible: boolean): boolean;
}

const nullLength = (width: 2 | 4): NullCodec => ({
  write(writer, flexible) {
    if (flexible) writer.unsignedVarint(0);
    else if (width === 2) writer.int16(-1);
    else writer.int32(-1);
  },
  read(reader, flexible) {
    const at = reader.offset;
    if (flexible) {
      if (reader.remaining < 1 || reader.buffer[at] !== 0) return false;
      reader.offset = at + 1;
      return true;
    }
    if (reader.remaining < width) return false; // the inner read reports the truncation
    const isNull = width === 2 ? reader.buffer.readInt16BE(at) === -1 : reader.buffer.readInt32BE(at) === -1;
    if (isNull) reader.offset = at + width;
    return isNull;
  },
});

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
  write: (writer: Writer, value: I, flexible: boolean) => void,
  read: (reader: Reader, flexible: boolean) => T,
  defaultValue: () => T,
  nulls?: NullCodec,
): Type<T, I> => ({
  name,
  write: (writer, value, _version, flexible = false) => write(writer, value, flexible),
  read: (reader, _version, flexible = false) => read(reader, flexible),
  defaultValue,
  nulls,
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
  (w, v, flexible) => (flexible ? w.compactNullableString(v) : w.nullableString(v)),
  (r, flexible) => (flexible ? r.compactString() : r.string()),
  () => '',
  nullLength(2),
);
export const bytes = primitive<Buffer, Uint8Array>(
  'bytes',
  (w, v, flexible) => (flexible ? w.compactNullableBytes(v) : w.nullableBytes(v)),
  (r, flexible) => (flexible ? r.compactBytes() : r.bytes()),
  () => Buffer.alloc(0),
  nullLength(4),
);
/** Kafka's Uuid.ZERO_UUID in its text form: "no id" (an error answer's topic id). */
export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';
/**
 * A Kafka Uuid: 16 bytes on the wire (most then least significant long), and in memory the text
 * Kafka prints and its JSON converters read (Uuid.toString: URL-safe base64 without padding).
 */
export const uuid = primitive<string>(
  'uuid',
  (w, v) => {
    const raw = Buffer.from(v, 'base64url');
    if (raw.length !== 16) throw new Error(`a Uuid is 16 bytes, got ${raw.length} from '${v}'`);
    w.raw(raw);
  },
  (r) => r.fixedBytes(16, 'uuid').toString('base64url'),
  () => ZERO_UUID,
);
/** Record batches as opaque bytes (the log stores and serves them as received). */
export const records = primitive<Buffer, RecordSet>(
  'records',
  (w, v, flexible) => w.records(v, flexible),
  (r, flexible) => (flexible ? r.compactBytes() : r.bytes()),
  () => Buffer.alloc(0),
  nullLength(4),
);
export function array<T, I>(element: Type<T, I>): Type<T[], readonly I[]> {
  return {
    name: `[]${element.name}`,
    nulls: nullLength(4),
    shape: { kind: 'array', element },
    write(writer, value, version, flexible = false) {
      if (flexible) writer.compactArrayLength(value.length);
      else writer.int32(value.length);
      for (const item of value) element.write(writer, item, version, flexible);
    },
    read(reader, version, flexible = false) {
      const length = flexible ? reader.compactArrayLength(false) : reader.arrayLength(false);
      const items: T[] = new Array(length);
      for (let index = 0; index < length; index++) items[index] = element.read(reader, version, flexible);
      return items;
    },
    defaultValue: () => [],
  };
}

/**
 * `inner` or null; null is legal on the wire only from `fromVersion` on (Kafka's nullableVersions).
 * Writing null at an earlier version is a caller bug (throws); reading null there is malformed.
 */
export function nullable<T, I>(inner: Type<T, I>, fromVersion = 0): Type<T | null, I | null> {
  const nulls = inner.nulls;
  if (!nulls) throw new Error(`${inner.name} cannot be null on the wire`);
  const allowed = (version: number) => version >= fromVersion;
  return {
    name: `${inner.name}?`,
    nulls,
    shape: { kind: 'nullable', inner, fromVersion },
    write(writer, value, version, flexible = false) {
      if (value !== null) return inner.write(writer, value, version, flexible);
      if (!allowed(version))
        throw new ProtocolEncodeError(`${inner.name} cannot be null in version ${version}`);
      nulls.write(writer, flexible);
    },
    read(reader, version, flexible = false) {
      const at = reader.offset;
      if (!nulls.read(reader, flexible)) return inner.read(reader, version, flexible);
      if (!allowed(version)) {
        throw new ProtocolDecodeError(
          `null ${inner.name} at byte ${at} is not allowed in version ${version}`,
        );
      }
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
  /** A tagged field's tag: written in the struct's tagged section, and only when not the default. */
  readonly tag?: number;
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

/**
 * A tagged field (Kafka's `taggedVersions`): present from version `from` (a flexible version) in
 * the struct's tagged section under `tag`, written only when it differs from its default.
 */
export function tagged<T, I>(
  tag: number,
  from: number,
  type: Type<T, I>,
  options: { to?: number; default?: T } = {},
): Field<T, I, true> {
  return { ...since(from, type, options), tag };
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
  /** A message's first flexible version (Kafka's flexibleVersions); undefined: nested, inherits. */
  readonly flexibleFrom: number | undefined;
}

export interface StructOptions {
  /** The first flexible version of the message this struct is the top of (Infinity: none). */
  readonly flexible?: number;
}

const inVersion = (spec: AnyField, version: number) => version >= spec.from && version <= spec.to;
const fallback = (spec: AnyField) => (spec.default !== undefined ? spec.default : spec.type.defaultValue());

function encodeAlone(type: AnyType, value: unknown, version: number): Buffer {
  const writer = new Writer(32);
  type.write(writer, value, version, true);
  return writer.toBuffer();
}

/** An ordered struct: fields are written in the order the object literal lists them. */
export function struct<F extends Record<string, AnyField>>(
  fields: F,
  options: StructOptions = {},
): StructType<F> {
  const entries = Object.entries(fields) as [string, AnyField][];
  const regular = entries.filter(([, spec]) => spec.tag === undefined);
  const taggedFields = entries
    .filter(([, spec]) => spec.tag !== undefined)
    .sort(([, a], [, b]) => (a.tag as number) - (b.tag as number));
  const flexibleAt = (version: number, inherited: boolean) =>
    options.flexible === undefined ? inherited : version >= options.flexible;
  const failing = (name: string, error: unknown) =>
    new ProtocolEncodeError(`${name}: ${(error as Error).message}`);

  function writeTagged(writer: Writer, input: Record<string, unknown>, version: number): void {
    const present: [number, Buffer][] = [];
    for (const [name, spec] of taggedFields) {
      if (!inVersion(spec, version) || input[name] === undefined) continue;
      try {
        const encoded = encodeAlone(spec.type, input[name], version);
        if (!encoded.equals(encodeAlone(spec.type, fallback(spec), version)))
          present.push([spec.tag as number, encoded]);
      } catch (error) {
        throw failing(name, error);
      }
    }
    writer.unsignedVarint(present.length);
    for (const [tag, encoded] of present)
      writer.unsignedVarint(tag).unsignedVarint(encoded.length).raw(encoded);
  }

  function readTagged(reader: Reader, value: Record<string, unknown>, version: number): void {
    const count = reader.unsignedVarint();
    for (let index = 0; index < count; index++) {
      const tag = reader.unsignedVarint();
      const at = reader.offset;
      const size = reader.unsignedVarint();
      const known = taggedFields.find(([, spec]) => spec.tag === tag && inVersion(spec, version));
      if (!known) {
        reader.skip(size, `tagged field ${tag}`);
        continue;
      }
      if (size > reader.remaining) {
        throw new ProtocolDecodeError(
          `tagged field ${tag} size ${size} at byte ${at} exceeds the ${reader.remaining} bytes left`,
        );
      }
      const [name, spec] = known;
      const inner = new Reader(reader.buffer, reader.offset, reader.offset + size);
      value[name] = spec.type.read(inner, version, true);
      if (inner.remaining !== 0)
        throw new ProtocolDecodeError(`tagged field ${tag} (${name}) has ${inner.remaining} bytes left over`);
      reader.offset += size;
    }
  }

  return {
    name: 'struct',
    nulls: undefined,
    fields,
    flexibleFrom: options.flexible,
    shape: { kind: 'struct', fields },
    write(writer, value, version, inherited = false) {
      const flexible = flexibleAt(version, inherited);
      const input = value as Record<string, unknown>;
      for (const [name, spec] of regular) {
        if (!inVersion(spec, version)) continue;
        const fieldValue = input[name] === undefined ? fallback(spec) : input[name];
        try {
          spec.type.write(writer, fieldValue, version, flexible);
        } catch (error) {
          throw failing(name, error);
        }
      }
      if (flexible) writeTagged(writer, input, version);
    },
    read(reader, version, inherited = false) {
      const flexible = flexibleAt(version, inherited);
      const value: Record<string, unknown> = {};
      for (const [name, spec] of entries) {
        value[name] =
          spec.tag === undefined && inVersion(spec, version)
            ? spec.type.read(reader, version, flexible)
            : fallback(spec);
      }
      if (flexible) readTagged(reader, value, version);
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
    const tag = spec.tag === undefined ? '' : ` (tag ${spec.tag})`;
    lines.push(`${indent}${name}: ${spec.type.name}${tag}`);
    lines.push(...describe(spec.type, version, `${indent}  `));
  }
  return lines;
}
