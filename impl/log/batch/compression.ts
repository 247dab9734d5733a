// Compression of the records section. gzip is what kafkajs sends without plug-ins; Node 20's zlib
// has no zstd, and snappy/lz4 need packages kspec does not carry, so those are reported as
// unsupported (Kafka answers UNSUPPORTED_COMPRESSION_TYPE only for zstd on old clients; here the
// log refuses what it cannot validate).
import { gunzipSync, gzipSync } from 'node:zlib';
import type { CompressionCodec } from './header.ts';

export class UnsupportedCompressionError extends Error {
  override name = 'UnsupportedCompressionError';
  constructor(readonly codec: string) {
    super(`compression codec ${codec} is not supported by kspec's log (supported: none, gzip)`);
  }
}

export function compress(codec: CompressionCodec, bytes: Buffer): Buffer {
  if (codec === 'none') return bytes;
  if (codec === 'gzip') return gzipSync(bytes);
  throw new UnsupportedCompressionError(codec);
}

export function decompress(codec: CompressionCodec | 'unknown', bytes: Buffer): Buffer {
  if (codec === 'none') return bytes;
  if (codec === 'gzip') return gunzipSync(bytes);
  throw new UnsupportedCompressionError(codec);
}

export function isSupportedCodec(codec: CompressionCodec | 'unknown'): boolean {
  return codec === 'none' || codec === 'gzip';
}
