// Splits a byte stream into Kafka frames: int32 size, then that many bytes. The size is checked
// against socket.request.max.bytes (and for sign) before anything is allocated, as Kafka's
// NetworkReceive does; the frame buffer is then allocated once and filled as bytes arrive.

export class FrameTooLargeError extends Error {
  override name = 'FrameTooLargeError';
}

export class FrameDecoder {
  private sizeBytes = Buffer.alloc(4);
  private sizeFilled = 0;
  private frame: Buffer | undefined;
  private frameFilled = 0;

  constructor(private readonly maxFrameBytes: number) {}

  /** Feeds bytes; returns the complete frames (payloads without the size). Throws on a bad size. */
  push(chunk: Buffer): Buffer[] {
    const frames: Buffer[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (!this.frame) {
        const take = Math.min(4 - this.sizeFilled, chunk.length - offset);
        chunk.copy(this.sizeBytes, this.sizeFilled, offset, offset + take);
        this.sizeFilled += take;
        offset += take;
        if (this.sizeFilled < 4) break;
        const size = this.sizeBytes.readInt32BE(0);
        if (size < 0) throw new FrameTooLargeError(`invalid frame size ${size}`);
        if (size > this.maxFrameBytes) {
          throw new FrameTooLargeError(
            `frame size ${size} exceeds socket.request.max.bytes ${this.maxFrameBytes}`,
          );
        }
        this.frame = Buffer.allocUnsafe(size);
        this.frameFilled = 0;
      }
      const take = Math.min(this.frame.length - this.frameFilled, chunk.length - offset);
      chunk.copy(this.frame, this.frameFilled, offset, offset + take);
      this.frameFilled += take;
      offset += take;
      if (this.frameFilled === this.frame.length) {
        frames.push(this.frame);
        this.frame = undefined;
        this.sizeFilled = 0;
      }
    }
    return frames;
  }

  /** Bytes of an incomplete frame held right now (0 between frames). */
  get buffered(): number {
    return this.frame ? this.frameFilled + 4 : this.sizeFilled;
  }
}
