// Where each wire field of a valid request sits, so the fuzzer can mutate structure rather than
// random bytes: a Reader that records the outermost primitive read at each position while the
// request's own grammar decodes it. Lengths (string, bytes, array counts), fixed-width integers and
// bare unsigned varints (tag-section counts, tags, sizes) are what lying inputs target.
import { Reader } from '../../protocol/primitives.ts';

export type LengthPrefix = 'int16' | 'int32' | 'uvarint';

export type Span =
  /** A fixed-width integer: int8..int64. */
  | { readonly kind: 'int'; readonly start: number; readonly width: 1 | 2 | 4 | 8 }
  /** A bare unsigned varint: a tagged-field count, tag or size (the grammar reads no others bare). */
  | { readonly kind: 'uvarint'; readonly start: number; readonly end: number; readonly value: number }
  /** A length-prefixed value: the prefix ends at `prefixEnd`; strings and bytes end at `end`. */
  | {
      readonly kind: 'length';
      readonly what: 'string' | 'bytes' | 'array';
      readonly prefix: LengthPrefix;
      readonly start: number;
      readonly prefixEnd: number;
      /** The end of the content (strings, bytes); for arrays, the end of the count. */
      readonly end: number;
      /** -1 when null; an array's element count. */
      readonly length: number;
    };

/** Records the spans of the reads it serves; nested reads (a string's int16 prefix) are not repeated. */
export class FieldMapReader extends Reader {
  readonly spans: Span[] = [];
  private depth = 0;

  private track<T>(read: () => T, span: (start: number, value: T) => Span): T {
    const start = this.offset;
    this.depth++;
    try {
      const value = read();
      if (this.depth === 1) this.spans.push(span(start, value));
      return value;
    } finally {
      this.depth--;
    }
  }

  override int8(): number {
    return this.track(
      () => super.int8(),
      (start) => ({ kind: 'int', start, width: 1 }),
    );
  }
  override int16(): number {
    return this.track(
      () => super.int16(),
      (start) => ({ kind: 'int', start, width: 2 }),
    );
  }
  override int32(): number {
    return this.track(
      () => super.int32(),
      (start) => ({ kind: 'int', start, width: 4 }),
    );
  }
  override int64(): number {
    return this.track(
      () => super.int64(),
      (start) => ({ kind: 'int', start, width: 8 }),
    );
  }
  override unsignedVarint(): number {
    return this.track(
      () => super.unsignedVarint(),
      (start, value) => ({ kind: 'uvarint', start, end: this.offset, value }),
    );
  }
  override nullableString(nullable = true): string | null {
    return this.lengthPrefixed('string', 'int16', () => super.nullableString(nullable));
  }
  override nullableBytes(nullable = true): Buffer | null {
    return this.lengthPrefixed('bytes', 'int32', () => super.nullableBytes(nullable));
  }
  override compactNullableString(nullable = true): string | null {
    return this.lengthPrefixed('string', 'uvarint', () => super.compactNullableString(nullable));
  }
  override compactNullableBytes(nullable = true): Buffer | null {
    return this.lengthPrefixed('bytes', 'uvarint', () => super.compactNullableBytes(nullable));
  }
  override arrayLength(nullable: boolean, minElementBytes = 1): number {
    return this.lengthPrefixed('array', 'int32', () => super.arrayLength(nullable, minElementBytes));
  }
  override compactArrayLength(nullable: boolean, minElementBytes = 1): number {
    return this.lengthPrefixed('array', 'uvarint', () => super.compactArrayLength(nullable, minElementBytes));
  }

  private lengthPrefixed<T extends string | Buffer | number | null>(
    what: 'string' | 'bytes' | 'array',
    prefix: LengthPrefix,
    read: () => T,
  ): T {
    return this.track(read, (start, value) => {
      const prefixEnd =
        prefix === 'int16' ? start + 2 : prefix === 'int32' ? start + 4 : varintEnd(this.buffer, start);
      const length = value === null ? -1 : typeof value === 'number' ? value : this.offset - prefixEnd;
      return { kind: 'length', what, prefix, start, prefixEnd, end: this.offset, length };
    });
  }
}

function varintEnd(buffer: Buffer, start: number): number {
  let position = start;
  while (position < buffer.length && (buffer[position]! & 0x80) !== 0) position++;
  return position + 1;
}
