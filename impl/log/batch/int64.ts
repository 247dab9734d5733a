// int64 fields (offsets, timestamps, producer ids) as JS numbers. Kafka's values stay far below
// 2^53 in practice; a value outside the safe range is an invariant break and throws.

export function readInt64(buffer: Buffer, position: number): number {
  const high = buffer.readInt32BE(position);
  const low = buffer.readUInt32BE(position + 4);
  const value = high * 4294967296 + low;
  if (!Number.isSafeInteger(value))
    throw new RangeError(`int64 at ${position} is outside the safe integer range`);
  return value;
}

export function writeInt64(buffer: Buffer, position: number, value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`int64 value ${value} is not a safe integer`);
  const high = Math.floor(value / 4294967296);
  buffer.writeInt32BE(high, position);
  buffer.writeUInt32BE(value - high * 4294967296, position + 4);
}
