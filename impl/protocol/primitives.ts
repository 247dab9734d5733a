// The Kafka wire primitives: big-endian fixed-width integers, int16-length strings, int32-length
// bytes and arrays with -1 for null (non-flexible versions), their compact forms (KIP-482: unsigned
// varint length + 1, 0 for null), and the varints of flexible versions and of
// magic-2 records. Reader rejects anything malformed with a ProtocolDecodeError before
// allocating; Writer grows a buffer and can splice in file slices (record bytes that the server
// sends with sendfile instead of copying them through JS). This is kspec's one byte codec: the wire
// protocol, the log's record batches (impl/log/batch) and the coordinator's `__consumer_offsets`
// records and ConsumerProtocol payloads (impl/coordinator) all read and write through it.

/** A run of bytes in a file; structurally compatible with impl/log's FileSlice. */
export interface FileSlice {
  path: string;
  /** An open descriptor (preferred); when undefined the copy path opens `path`. */
  fd: number | undefined;
  position: number;
  length: number;
}

/** Record bytes: held in memory, or file slices to be streamed, or a mix (in order). */
export type RecordSet = Buffer | FileSlice | readonly (Buffer | FileSlice)[];

/** An encoded message as an ordered list of in-memory and file chunks. */
export interface Encoded {
  chunks: (Buffer | FileSlice)[];
  length: number;
}

export function isFileSlice(value: unknown): value is FileSlice {
  return typeof value === 'object' && value !== null && !Buffer.isBuffer(value) && 'position' in value;
}

export function recordSetLength(records: RecordSet): number {
  if (Buffer.isBuffer(records)) return records.length;
  if (isFileSlice(records)) return records.length;
  let total = 0;
  for (const chunk of records as readonly (Buffer | FileSlice)[]) total += chunk.length;
  return total;
}

/** Bytes that do not follow the grammar of the version being read. */
export class ProtocolDecodeError extends Error {
  override name = 'ProtocolDecodeError';
}

/** A value that the requested version cannot express (a caller bug, not a wire error). */
export class ProtocolEncodeError extends Error {
  override name = 'ProtocolEncodeError';
}

export interface ReaderOptions {
  /**
   * Malformed UTF-8 in a string is a ProtocolDecodeError instead of becoming U+FFFD: for bytes
   * kspec wrote itself (the coordinator's stored records), where bad text means corruption.
   */
  readonly strictUtf8?: boolean;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class Reader {
  offset: number;
  constructor(
    readonly buffer: Buffer,
    offset = 0,
    readonly end = buffer.length,
    private readonly options: ReaderOptions = {},
  ) {
    this.offset = offset;
  }

  /** A reader over any Uint8Array (a Buffer view of the same memory, not a copy). */
  static of(bytes: Uint8Array, options: ReaderOptions = {}): Reader {
    const buffer = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return new Reader(buffer, 0, buffer.length, options);
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  private need(bytes: number, what: string): void {
    if (bytes > this.remaining) {
      throw new ProtocolDecodeError(
        `truncated ${what} at byte ${this.offset}: need ${bytes}, have ${this.remaining}`,
      );
    }
  }

  int8(): number {
    this.need(1, 'int8');
    return this.buffer.readInt8(this.offset++);
  }
  int16(): number {
    this.need(2, 'int16');
    const value = this.buffer.readInt16BE(this.offset);
    this.offset += 2;
    return value;
  }
  int32(): number {
    this.need(4, 'int32');
    const value = this.buffer.readInt32BE(this.offset);
    this.offset += 4;
    return value;
  }
  uint32(): number {
    this.need(4, 'uint32');
    const value = this.buffer.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }
  /** int64 as a JS number: offsets and timestamps fit; a value beyond 2^53 is rejected, not rounded. */
  int64(): number {
    this.need(8, 'int64');
    const value = this.buffer.readBigInt64BE(this.offset);
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new ProtocolDecodeError(`int64 ${value} at byte ${this.offset} is beyond 2^53`);
    }
    this.offset += 8;
    return Number(value);
  }
  bool(): boolean {
    const value = this.int8();
    return value !== 0;
  }
  /** Unsigned LEB128 varint (flexible versions' lengths and tag counts), at most 5 bytes. */
  unsignedVarint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      this.need(1, 'varint');
      const byte = this.buffer[this.offset++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) {
        if (value > 0xffffffff) throw new ProtocolDecodeError(`varint ${value} exceeds 32 bits`);
        return value;
      }
    }
    throw new ProtocolDecodeError(`varint at byte ${this.offset - 5} is longer than 5 bytes`);
  }
  /** Zigzag varint (record fields): a signed int32. */
  varint(): number {
    const raw = this.unsignedVarint();
    return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
  }
  /** Zigzag varlong as a JS number; beyond 2^53 is refused, like int64(). */
  varlong(): number {
    // Fast path: up to 4 bytes (|value| < 2^27, e.g. record fields) is exact in number math; a
    // longer or truncated one is read again below.
    const start = this.offset;
    let small = 0;
    let scale = 1;
    for (let count = 0; count < 4 && this.offset < this.end; count++) {
      const byte = this.buffer[this.offset++]!;
      small += (byte & 0x7f) * scale;
      if (byte < 0x80) return (small & 1) === 0 ? small / 2 : -(small + 1) / 2;
      scale *= 128;
    }
    this.offset = start;
    let raw = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      this.need(1, 'varlong');
      const byte = this.buffer[this.offset++]!;
      raw |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) {
        const value = (raw >> 1n) ^ -(raw & 1n);
        if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
          throw new ProtocolDecodeError(`varlong ${value} is beyond 2^53`);
        }
        return Number(value);
      }
    }
    throw new ProtocolDecodeError(`varlong at byte ${this.offset} is longer than 10 bytes`);
  }

  /** A length prefix: -1 means null, other negatives are malformed, and it must fit the frame. */
  private length(
    prefix: 'int16' | 'int32',
    what: string,
    nullable: boolean,
    minElementBytes: number,
  ): number {
    const at = this.offset;
    const length = prefix === 'int16' ? this.int16() : this.int32();
    if (length === -1 && nullable) return -1;
    if (length < 0) throw new ProtocolDecodeError(`${what} length ${length} at byte ${at} is invalid`);
    if (length * minElementBytes > this.remaining) {
      throw new ProtocolDecodeError(
        `${what} length ${length} at byte ${at} exceeds the ${this.remaining} bytes left`,
      );
    }
    return length;
  }

  string(): string {
    return this.nullableString(false) as string;
  }
  nullableString(nullable = true): string | null {
    const length = this.length('int16', 'string', nullable, 1);
    if (length === -1) return null;
    const value = this.options.strictUtf8
      ? this.strictText(length)
      : this.buffer.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
  private strictText(length: number): string {
    try {
      return strictUtf8.decode(this.buffer.subarray(this.offset, this.offset + length));
    } catch {
      throw new ProtocolDecodeError(`string at byte ${this.offset} is not valid UTF-8`);
    }
  }
  /** Bytes are copied out so a decoded message never pins the whole frame. */
  bytes(): Buffer {
    return this.nullableBytes(false) as Buffer;
  }
  /** Exactly `length` bytes with no length prefix (a Uuid's 16), copied out. */
  fixedBytes(length: number, what: string): Buffer {
    this.need(length, what);
    const value = Buffer.from(this.buffer.subarray(this.offset, this.offset + length));
    this.offset += length;
    return value;
  }
  nullableBytes(nullable = true): Buffer | null {
    const length = this.length('int32', 'bytes', nullable, 1);
    if (length === -1) return null;
    const value = Buffer.from(this.buffer.subarray(this.offset, this.offset + length));
    this.offset += length;
    return value;
  }
  /** An int32 count; `minElementBytes` bounds it by the bytes left, so a corrupt count fails at once. */
  arrayLength(nullable: boolean, minElementBytes = 1): number {
    return this.length('int32', 'array', nullable, minElementBytes);
  }

  /** A compact length (unsigned varint of length + 1): -1 for null (0 on the wire), bounded like length(). */
  private compactLength(what: string, nullable: boolean, minElementBytes: number): number {
    const at = this.offset;
    const length = this.unsignedVarint() - 1;
    if (length === -1) {
      if (nullable) return -1;
      throw new ProtocolDecodeError(`null ${what} at byte ${at} where the field is not nullable`);
    }
    if (length * minElementBytes > this.remaining) {
      throw new ProtocolDecodeError(
        `${what} length ${length} at byte ${at} exceeds the ${this.remaining} bytes left`,
      );
    }
    return length;
  }
  compactNullableString(nullable = true): string | null {
    const length = this.compactLength('string', nullable, 1);
    if (length === -1) return null;
    if (length > 0x7fff) throw new ProtocolDecodeError(`string length ${length} exceeds int16`);
    const value = this.options.strictUtf8
      ? this.strictText(length)
      : this.buffer.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
  compactString(): string {
    return this.compactNullableString(false) as string;
  }
  compactNullableBytes(nullable = true): Buffer | null {
    const length = this.compactLength('bytes', nullable, 1);
    if (length === -1) return null;
    const value = Buffer.from(this.buffer.subarray(this.offset, this.offset + length));
    this.offset += length;
    return value;
  }
  compactBytes(): Buffer {
    return this.compactNullableBytes(false) as Buffer;
  }
  compactArrayLength(nullable: boolean, minElementBytes = 1): number {
    return this.compactLength('array', nullable, minElementBytes);
  }
  /** Skips `bytes` bytes (an unknown tagged field), refusing to run past the end. */
  skip(bytes: number, what: string): void {
    this.need(bytes, what);
    this.offset += bytes;
  }
}

export class Writer {
  private buffer: Buffer;
  private position = 0;
  private readonly chunks: (Buffer | FileSlice)[] = [];
  private spliced = 0;

  constructor(initialBytes = 256) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  private reserve(bytes: number): void {
    if (this.position + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.position + bytes) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buffer.copy(grown, 0, 0, this.position);
    this.buffer = grown;
  }

  int8(value: number): this {
    this.reserve(1);
    this.position = this.buffer.writeInt8(value, this.position);
    return this;
  }
  int16(value: number): this {
    this.reserve(2);
    this.position = this.buffer.writeInt16BE(value, this.position);
    return this;
  }
  int32(value: number): this {
    this.reserve(4);
    this.position = this.buffer.writeInt32BE(value, this.position);
    return this;
  }
  uint32(value: number): this {
    this.reserve(4);
    this.position = this.buffer.writeUInt32BE(value, this.position);
    return this;
  }
  int64(value: number): this {
    if (!Number.isSafeInteger(value)) throw new ProtocolEncodeError(`int64 ${value} is not a safe integer`);
    this.reserve(8);
    this.position = this.buffer.writeBigInt64BE(BigInt(value), this.position);
    return this;
  }
  bool(value: boolean): this {
    return this.int8(value ? 1 : 0);
  }
  unsignedVarint(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new ProtocolEncodeError(`unsigned varint ${value} out of range`);
    }
    let rest = value;
    while (rest >= 0x80) {
      this.int8((((rest % 0x80) | 0x80) << 24) >> 24);
      rest = Math.floor(rest / 0x80);
    }
    return this.int8((rest << 24) >> 24);
  }
  varint(value: number): this {
    if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) {
      throw new ProtocolEncodeError(`varint ${value} out of int32 range`);
    }
    return this.unsignedVarint(value >= 0 ? value * 2 : -value * 2 - 1);
  }
  varlong(value: number): this {
    // Within int32 the zigzag value fits 32 bits: the same bytes as varint, without BigInt.
    if (value >= -2147483648 && value <= 2147483647 && Number.isInteger(value)) return this.varint(value);
    if (!Number.isSafeInteger(value)) throw new ProtocolEncodeError(`varlong ${value} is not a safe integer`);
    let raw = (BigInt(value) << 1n) ^ (BigInt(value) >> 63n);
    while (raw >= 0x80n) {
      this.int8(((Number(raw & 0x7fn) | 0x80) << 24) >> 24);
      raw >>= 7n;
    }
    return this.int8((Number(raw) << 24) >> 24);
  }
  nullableString(value: string | null): this {
    if (value === null) return this.int16(-1);
    const length = Buffer.byteLength(value, 'utf8');
    if (length > 0x7fff) throw new ProtocolEncodeError(`string of ${length} bytes exceeds int16 length`);
    this.int16(length);
    this.reserve(length);
    this.position += this.buffer.write(value, this.position, 'utf8');
    return this;
  }
  string(value: string): this {
    return this.nullableString(value);
  }
  bytes(value: Uint8Array): this {
    return this.nullableBytes(value);
  }
  nullableBytes(value: Uint8Array | null): this {
    if (value === null) return this.int32(-1);
    this.int32(value.length);
    this.raw(value);
    return this;
  }
  compactNullableString(value: string | null): this {
    if (value === null) return this.unsignedVarint(0);
    const length = Buffer.byteLength(value, 'utf8');
    if (length > 0x7fff) throw new ProtocolEncodeError(`string of ${length} bytes exceeds int16 length`);
    this.unsignedVarint(length + 1);
    this.reserve(length);
    this.position += this.buffer.write(value, this.position, 'utf8');
    return this;
  }
  compactNullableBytes(value: Uint8Array | null): this {
    if (value === null) return this.unsignedVarint(0);
    this.unsignedVarint(value.length + 1);
    return this.raw(value);
  }
  /** A compact array's count (length + 1; null is 0). */
  compactArrayLength(length: number | null): this {
    return this.unsignedVarint(length === null ? 0 : length + 1);
  }
  raw(value: Uint8Array): this {
    this.reserve(value.length);
    this.buffer.set(value, this.position);
    this.position += value.length;
    return this;
  }
  /** Record bytes: buffers are copied in; file slices are kept as references for the sender. */
  records(value: RecordSet | null, compact = false): this {
    if (value === null) return compact ? this.unsignedVarint(0) : this.int32(-1);
    if (compact) this.unsignedVarint(recordSetLength(value) + 1);
    else this.int32(recordSetLength(value));
    const parts = Buffer.isBuffer(value) || isFileSlice(value) ? [value] : (value as (Buffer | FileSlice)[]);
    for (const part of parts) {
      if (Buffer.isBuffer(part)) this.raw(part);
      else this.splice(part);
    }
    return this;
  }
  private splice(slice: FileSlice): void {
    if (this.position > 0) {
      this.chunks.push(Buffer.from(this.buffer.subarray(0, this.position)));
      this.position = 0;
    }
    this.chunks.push(slice);
    this.spliced += slice.length;
  }

  get length(): number {
    let inChunks = this.spliced;
    for (const chunk of this.chunks) if (Buffer.isBuffer(chunk)) inChunks += chunk.length;
    return inChunks + this.position;
  }

  finish(): Encoded {
    const chunks = [...this.chunks];
    if (this.position > 0 || chunks.length === 0) chunks.push(this.buffer.subarray(0, this.position));
    return { chunks, length: this.length };
  }

  /**
   * A plain Uint8Array copy of exactly the bytes written: for values kept in state rather than
   * sent (compared with deepStrictEqual, serialised as JSON, where a Buffer differs).
   */
  toUint8Array(): Uint8Array {
    return new Uint8Array(this.toBuffer());
  }

  /** The bytes as one buffer; only for messages without file slices. */
  toBuffer(): Buffer {
    const { chunks } = this.finish();
    for (const chunk of chunks) {
      if (!Buffer.isBuffer(chunk)) throw new ProtocolEncodeError('message holds file slices: use finish()');
    }
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks as Buffer[]);
  }
}
