// A byte array that grows by doubling: the content of one simulated file.

export class GrowableBytes {
  private buffer: Buffer;
  length = 0;

  constructor(initial?: Buffer) {
    this.buffer = Buffer.alloc(Math.max(64, initial?.length ?? 0));
    if (initial) {
      initial.copy(this.buffer);
      this.length = initial.length;
    }
  }

  write(data: Buffer, position: number): void {
    const end = position + data.length;
    if (end > this.buffer.length) {
      const grown = Buffer.alloc(Math.max(end, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    if (position > this.length) this.buffer.fill(0, this.length, position); // a hole reads as zeros
    data.copy(this.buffer, position);
    this.length = Math.max(this.length, end);
  }

  truncate(length: number): void {
    if (length < this.length) this.length = length;
    else if (length > this.length) this.write(Buffer.alloc(length - this.length), this.length);
  }

  read(target: Buffer, offset: number, length: number, position: number): number {
    if (position >= this.length) return 0;
    const count = Math.min(length, this.length - position);
    this.buffer.copy(target, offset, position, position + count);
    return count;
  }

  /** A copy of the content. */
  snapshot(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.length));
  }
}
