// Big-endian readers and writers for Kafka's classic (non-flexible) schema types: int16/32/64,
// strings with an int16 length (-1 = null), bytes with an int32 length (-1 = null), arrays with
// an int32 count. Used by the __consumer_offsets record layouts and the ConsumerProtocol codec.

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Malformed bytes: a codec error, never a protocol outcome. */
export class CodecError extends Error {
  override name = 'CodecError';
}

export class ByteWriter {
  private chunks: Uint8Array[] = [];
  private size = 0;

  private push(chunk: Uint8Array): this {
    this.chunks.push(chunk);
    this.size += chunk.length;
    return this;
  }

  int16(value: number): this {
    const chunk = new Uint8Array(2);
    new DataView(chunk.buffer).setInt16(0, value);
    return this.push(chunk);
  }

  int32(value: number): this {
    const chunk = new Uint8Array(4);
    new DataView(chunk.buffer).setInt32(0, value);
    return this.push(chunk);
  }

  /** Safe integers only: offsets and timestamps in this project stay below 2^53. */
  int64(value: number): this {
    if (!Number.isSafeInteger(value)) throw new CodecError(`int64 ${value} is not a safe integer`);
    const chunk = new Uint8Array(8);
    new DataView(chunk.buffer).setBigInt64(0, BigInt(value));
    return this.push(chunk);
  }

  string(value: string): this {
    const bytes = encoder.encode(value);
    if (bytes.length > 32767) throw new CodecError(`string of ${bytes.length} bytes exceeds int16 length`);
    return this.int16(bytes.length).push(bytes);
  }

  nullableString(value: string | null): this {
    return value === null ? this.int16(-1) : this.string(value);
  }

  bytes(value: Uint8Array): this {
    return this.int32(value.length).push(value);
  }

  nullableBytes(value: Uint8Array | null): this {
    return value === null ? this.int32(-1) : this.bytes(value);
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}

export class ByteReader {
  private at = 0;
  private readonly view: DataView;

  constructor(private readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  private need(count: number, what: string): void {
    if (this.at + count > this.data.length)
      throw new CodecError(
        `truncated ${what}: need ${count} bytes at ${this.at}, have ${this.data.length - this.at}`,
      );
  }

  get remaining(): number {
    return this.data.length - this.at;
  }

  int16(): number {
    this.need(2, 'int16');
    const value = this.view.getInt16(this.at);
    this.at += 2;
    return value;
  }

  int32(): number {
    this.need(4, 'int32');
    const value = this.view.getInt32(this.at);
    this.at += 4;
    return value;
  }

  int64(): number {
    this.need(8, 'int64');
    const value = this.view.getBigInt64(this.at);
    this.at += 8;
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
      throw new CodecError(`int64 ${value} is outside the safe integer range`);
    return Number(value);
  }

  nullableString(): string | null {
    const length = this.int16();
    if (length === -1) return null;
    if (length < 0) throw new CodecError(`negative string length ${length}`);
    this.need(length, 'string');
    const text = decoder.decode(this.data.subarray(this.at, this.at + length));
    this.at += length;
    return text;
  }

  string(): string {
    const value = this.nullableString();
    if (value === null) throw new CodecError('null where a string is required');
    return value;
  }

  nullableBytes(): Uint8Array | null {
    const length = this.int32();
    if (length === -1) return null;
    if (length < 0) throw new CodecError(`negative bytes length ${length}`);
    this.need(length, 'bytes');
    const value = this.data.slice(this.at, this.at + length);
    this.at += length;
    return value;
  }

  bytes(): Uint8Array {
    const value = this.nullableBytes();
    if (value === null) throw new CodecError('null where bytes are required');
    return value;
  }

  /** An int32 count, bounded by the bytes left so a corrupt count cannot make us loop for long. */
  arrayLength(minimumItemBytes: number): number {
    const count = this.int32();
    if (count < 0) throw new CodecError(`negative array length ${count}`);
    if (count * minimumItemBytes > this.remaining)
      throw new CodecError(`array length ${count} exceeds the bytes left`);
    return count;
  }
}
