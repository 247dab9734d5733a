// Kafka's zig-zag varints (ByteUtils.writeVarint / writeVarlong), as used inside magic-2 records.
// Numbers stay plain JS numbers: record fields (lengths, deltas, timestamps) are within +-2^52,
// where the zig-zag value (2|v|) is still exact; larger magnitudes throw.

const MAX_MAGNITUDE = 2 ** 52;

/** Bytes a zig-zag varint of `value` takes. */
export function varintSize(value: number): number {
  let zigzag = value >= 0 ? value * 2 : -value * 2 - 1;
  let size = 1;
  while (zigzag >= 128) {
    zigzag = Math.floor(zigzag / 128);
    size++;
  }
  return size;
}

/** Writes a zig-zag varint (or varlong: the encoding is the same) and returns the next position. */
export function writeVarint(buffer: Buffer, position: number, value: number): number {
  if (!Number.isInteger(value) || Math.abs(value) > MAX_MAGNITUDE)
    throw new RangeError(`varint value ${value} out of range`);
  let zigzag = value >= 0 ? value * 2 : -value * 2 - 1;
  while (zigzag >= 128) {
    buffer[position++] = (zigzag % 128) | 0x80;
    zigzag = Math.floor(zigzag / 128);
  }
  buffer[position++] = zigzag;
  return position;
}

/** A decoded varint and the position after it. */
export interface VarintRead {
  value: number;
  next: number;
}

/** Reads a zig-zag varint/varlong; throws RangeError on truncation or more than 10 bytes. */
export function readVarint(buffer: Buffer, position: number): VarintRead {
  let zigzag = 0;
  let multiplier = 1;
  for (let i = 0; i < 10; i++) {
    if (position >= buffer.length) throw new RangeError('varint runs past the end of the buffer');
    const byte = buffer[position++]!;
    zigzag += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0) {
      const value = zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
      return { value, next: position };
    }
    multiplier *= 128;
  }
  throw new RangeError('varint longer than 10 bytes');
}
