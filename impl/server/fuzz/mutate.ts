// Structural mutations of a valid request frame. Each one lies about one thing a decoder trusts:
// a length or count, a varint's encoding, a tagged-field section, a string's bytes, the api key or
// version in the header, the record batch inside a Produce (with its CRC fixed up, so the lie gets
// past the checksum), the frame's size; then sometimes a byte-level blow on top (bit flips,
// truncation, trailing bytes). Seeded: the same random stream gives the same frames.
import { CRC_OFFSET, computeBatchCrc, MAGIC_OFFSET, RECORD_BATCH_OVERHEAD } from '../../log/batch/header.ts';
import type { SeededRandom } from '../../sim/random.ts';
import type { Seed } from './corpus.ts';
import type { Span } from './field-map.ts';

export interface Mutant {
  /** The whole frame as sent, int32 size prefix included (which may lie). */
  readonly frame: Buffer;
  /** The mutations applied, by name (the summary counts them). */
  readonly mutations: readonly string[];
  /** False when the size prefix claims more bytes than follow: the broker waits for the rest. */
  readonly complete: boolean;
}

type Structural = (
  payload: Buffer,
  seed: Seed,
  random: SeededRandom,
  corpus: readonly Seed[],
) => Buffer | undefined;

const INT_EDGES: Record<1 | 2 | 4, readonly number[]> = {
  1: [0, 1, -1, 0x7f, -0x80, 2, 3],
  2: [0, 1, -1, -2, 0x7fff, -0x8000, 0x100],
  4: [0, 1, -1, -2, 0x7fffffff, -0x80000000, 0x10000, 1_000_000, 65537],
};

function pick<T>(random: SeededRandom, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[random.int(items.length)];
}

function spansOf<K extends Span['kind']>(seed: Seed, kind: K): Extract<Span, { kind: K }>[] {
  return seed.spans.filter((span): span is Extract<Span, { kind: K }> => span.kind === kind);
}

function splice(payload: Buffer, start: number, end: number, replacement: Buffer): Buffer {
  return Buffer.concat([payload.subarray(0, start), replacement, payload.subarray(end)]);
}

function uvarint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value >>> 0;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

function randomBytes(random: SeededRandom, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let index = 0; index < length; index++) bytes[index] = random.int(256);
  return bytes;
}

/** Boundary and random values in a fixed-width integer (counts, ids, timeouts, offsets). */
const intEdge: Structural = (payload, seed, random) => {
  const span = pick(random, spansOf(seed, 'int'));
  if (!span) return undefined;
  if (span.width === 8) {
    const edges = [0n, -1n, 1n, 2n ** 53n, -(2n ** 63n), 2n ** 63n - 1n, 2n ** 31n];
    payload.writeBigInt64BE(
      random.chance(0.2) ? BigInt(random.int(2 ** 31)) : pick(random, edges)!,
      span.start,
    );
    return payload;
  }
  const value = random.chance(0.2) ? random.int(2 ** (8 * span.width)) : pick(random, INT_EDGES[span.width])!;
  if (span.width === 1) payload.writeUInt8(value & 0xff, span.start);
  else if (span.width === 2) payload.writeUInt16BE(value & 0xffff, span.start);
  else payload.writeUInt32BE(value >>> 0, span.start);
  return payload;
};

/** A length or count prefix that lies: off by one, zero, null where not allowed, huge, negative. */
const lengthLie: Structural = (payload, seed, random) => {
  const span = pick(random, spansOf(seed, 'length'));
  if (!span) return undefined;
  const lies = [span.length + 1, span.length - 1, 0, -1, -2, 0x7fff, 0x7fffffff, span.length * 2 + 7];
  const lie = random.chance(0.1) ? random.int(2 ** 31) : pick(random, lies)!;
  if (span.prefix === 'int16') {
    payload.writeInt16BE(Math.max(-0x8000, Math.min(0x7fff, lie)), span.start);
    return payload;
  }
  if (span.prefix === 'int32') {
    payload.writeInt32BE(lie | 0, span.start);
    return payload;
  }
  // Compact lengths are length + 1 (0 is null); a lie of -2 becomes the largest varint.
  return splice(payload, span.start, span.prefixEnd, uvarint(lie + 1 < 0 ? 0xffffffff : lie + 1));
};

/** A string's bytes replaced (length kept honest): invalid UTF-8, NULs, control characters, dots. */
const stringContent: Structural = (payload, seed, random) => {
  const span = pick(
    random,
    spansOf(seed, 'length').filter((s) => s.what === 'string' && s.length > 0),
  );
  if (!span) return undefined;
  const fills = [0xff, 0x00, 0xc3, 0x2e, 0x2f, 0x0a, 0x80, 0x5f];
  const fill = pick(random, fills)!;
  for (let position = span.prefixEnd; position < span.end; position++)
    if (random.chance(0.5)) payload[position] = fill;
  return payload;
};

/** A field's content dropped, or a length-prefixed value repeated (so everything after shifts). */
const dropOrRepeat: Structural = (payload, seed, random) => {
  const span = pick(random, spansOf(seed, 'length'));
  if (!span || span.what === 'array') return undefined;
  if (random.chance(0.5)) return splice(payload, span.prefixEnd, span.end, Buffer.alloc(0));
  const value = payload.subarray(span.start, span.end);
  return splice(payload, span.start, span.start, Buffer.from(value));
};

/** A bare varint (tag count, tag, size) re-encoded: overlong, beyond 32 bits, non-minimal, huge. */
const varintLie: Structural = (payload, seed, random) => {
  const varints = [
    ...spansOf(seed, 'uvarint'),
    ...spansOf(seed, 'length').filter((s) => s.prefix === 'uvarint'),
  ];
  const span = pick(random, varints);
  if (!span) return undefined;
  const end = span.kind === 'uvarint' ? span.end : span.prefixEnd;
  const encodings = [
    Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), // longer than 5 bytes
    Buffer.from([0xff, 0xff, 0xff, 0xff, 0x7f]), // beyond 32 bits
    Buffer.from([0x80, 0x00]), // zero, not minimal
    Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]), // 2^32 - 1
    Buffer.from([0x80]), // unterminated at the end of the frame if it is last
    uvarint(random.int(2 ** 31)),
  ];
  return splice(payload, span.start, end, pick(random, encodings)!);
};

/** A tagged-field section that was empty gains fields: unknown tags, duplicate tags, lying sizes. */
const taggedInsert: Structural = (payload, seed, random) => {
  const sections = spansOf(seed, 'uvarint').filter((s) => s.value === 0);
  const span = pick(random, sections);
  if (!span) return undefined;
  const fields: Buffer[] = [];
  const count = 1 + random.int(3);
  for (let index = 0; index < count; index++) {
    const tag = random.chance(0.5) ? random.int(4) : random.int(2 ** 31);
    const content = randomBytes(random, random.int(12));
    const size = random.chance(0.7)
      ? content.length
      : pick(random, [content.length + 1, 0xffffffff, 2 ** 20])!;
    fields.push(uvarint(tag), uvarint(size), content);
  }
  const claimed = random.chance(0.8) ? count : count + 1 + random.int(100);
  return splice(payload, span.start, span.end, Buffer.concat([uvarint(claimed), ...fields]));
};

/** The header's api key or version changed: unknown keys, another API's body, other versions. */
const headerLie: Structural = (payload, seed, random, corpus) => {
  if (random.chance(0.5)) {
    const keys = [-1, 17, 21, 36, 44, 67, 1000, 0x7fff, pick(random, corpus)!.api.key];
    payload.writeInt16BE(pick(random, keys)!, 0);
  } else {
    const { minVersion, maxVersion } = seed.api;
    const versions = [
      minVersion - 1,
      maxVersion + 1,
      -1,
      0x7fff,
      minVersion + random.int(maxVersion - minVersion + 1),
    ];
    payload.writeInt16BE(pick(random, versions)!, 2);
  }
  return payload;
};

/** Another seed's body under this seed's header (a body of the wrong version or API). */
const spliceBodies: Structural = (payload, seed, random, corpus) => {
  const other = pick(random, corpus)!;
  const headerEnd = (s: Seed) => {
    const clientId = s.spans.find((span) => span.kind === 'length' && span.start === 8);
    return clientId?.kind === 'length' ? clientId.end : 8;
  };
  return Buffer.concat([payload.subarray(0, headerEnd(seed)), other.payload.subarray(headerEnd(other))]);
};

/** Inside a Produce's record batch: batch length, magic, record count, attributes, record varints; CRC fixed up. */
const recordBatchLie: Structural = (payload, seed, random) => {
  const batches = spansOf(seed, 'length').filter(
    (s) =>
      s.what === 'bytes' &&
      s.end - s.prefixEnd >= RECORD_BATCH_OVERHEAD &&
      payload[s.prefixEnd + MAGIC_OFFSET] === 2,
  );
  const span = pick(random, batches);
  if (!span) return undefined;
  const at = span.prefixEnd;
  const size = span.end - at;
  const choice = random.int(6);
  if (choice === 0) payload.writeInt32BE(pick(random, [-1, 0, 0x7fffffff, size, size - 13])!, at + 8);
  else if (choice === 1) payload[at + MAGIC_OFFSET] = pick(random, [0, 1, 3, 0xff])!;
  else if (choice === 2) payload.writeInt32BE(pick(random, [0, -1, 0x7fffffff, 3, 1_000_000])!, at + 57);
  else if (choice === 3) payload.writeInt16BE(pick(random, [1, 2, 3, 4, 5, 7, 0x10, 0x20, -1])!, at + 21);
  else if (choice === 4) payload.writeInt32BE(pick(random, [-1, 0x7fffffff, 5, 1000])!, at + 23);
  else {
    // A record-level varint (length, key length, header count) inside the records section.
    const position = at + RECORD_BATCH_OVERHEAD + random.int(Math.max(1, size - RECORD_BATCH_OVERHEAD));
    payload[position] = pick(random, [0xff, 0x7f, 0x01, 0x00, 0x80])!;
  }
  if (random.chance(0.8) && size <= payload.length - at)
    payload.writeUInt32BE(computeBatchCrc(payload, at, size), at + CRC_OFFSET);
  return payload;
};

const STRUCTURAL: readonly (readonly [string, Structural, number])[] = [
  ['int-edge', intEdge, 14],
  ['length-lie', lengthLie, 14],
  ['string-content', stringContent, 6],
  ['drop-or-repeat', dropOrRepeat, 6],
  ['varint-lie', varintLie, 8],
  ['tagged-insert', taggedInsert, 8],
  ['header-lie', headerLie, 6],
  ['splice-bodies', spliceBodies, 4],
  ['record-batch', recordBatchLie, 8],
];
const TOTAL_WEIGHT = STRUCTURAL.reduce((sum, [, , weight]) => sum + weight, 0);

function structural(random: SeededRandom): readonly [string, Structural] {
  let draw = random.int(TOTAL_WEIGHT);
  for (const [name, mutation, weight] of STRUCTURAL) {
    if (draw < weight) return [name, mutation];
    draw -= weight;
  }
  throw new Error('unreachable');
}

/** Byte-level damage on top of a structural lie. */
function byteLevel(payload: Buffer, random: SeededRandom): [string, Buffer] {
  const choice = random.int(4);
  if (choice === 0) {
    for (let flips = 1 + random.int(8); flips > 0 && payload.length > 0; flips--)
      payload[random.int(payload.length)]! ^= 1 << random.int(8);
    return ['bit-flip', payload];
  }
  if (choice === 1) return ['truncate', payload.subarray(0, random.int(payload.length + 1))];
  if (choice === 2)
    return ['trailing-bytes', Buffer.concat([payload, randomBytes(random, 1 + random.int(64))])];
  const at = random.int(payload.length + 1);
  return ['insert-bytes', splice(payload, at, at, randomBytes(random, 1 + random.int(16)))];
}

/** One mutant of `seed`: 98% structurally lied about, the rest sent valid (to keep state moving). */
export function mutate(seed: Seed, corpus: readonly Seed[], random: SeededRandom): Mutant {
  let payload: Buffer = Buffer.from(seed.payload);
  const mutations: string[] = [];
  if (random.chance(0.98)) {
    for (let attempt = 0; attempt < 4; attempt++) {
      const [name, mutation] = structural(random);
      const result = mutation(payload, seed, random, corpus);
      if (result) {
        payload = result;
        mutations.push(name);
        break;
      }
    }
    if (random.chance(0.25)) {
      const [name, result] = byteLevel(payload, random);
      payload = result;
      mutations.push(name);
    }
  } else {
    mutations.push('valid');
  }
  let size = payload.length;
  if (random.chance(0.02)) {
    size = pick(random, [
      size + 1 + random.int(100),
      size - 1 - random.int(Math.max(1, size)),
      -1,
      0x7fffffff,
      0,
    ])!;
    mutations.push('size-lie');
  }
  const frame = Buffer.alloc(4 + payload.length);
  frame.writeInt32BE(size, 0);
  payload.copy(frame, 4);
  return { frame, mutations, complete: size <= payload.length };
}
