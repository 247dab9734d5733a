// Damaged records sections for a produce to carry (`produce.records`, LG-1), as a buggy or hostile
// client writes them: the section built from the values with one byte set, inserted or deleted, or
// one record written by a grammar whose every part may lie (varints padded, or ended by a high bit
// as a client that inverts the continuation bit would write them; a key length of -2 or 0; a header
// count one off the headers carried; raw bytes after them; a length one off). The model judges each
// with spec/record-section.ts, Kafka's reader; a section that still reads must read back the values,
// timestamps and offsets sent, else the send goes with its section as built (such a batch would
// store values nobody sent, which the history checkers read as loss).
import { readSection, writeSection, zigzagVarint } from '../../spec/record-section.ts';

/** One byte of the section set, inserted before `at`, or deleted; `at` is taken modulo the section. */
export interface RecordEdit {
  readonly kind: 'edit';
  readonly op: 'set' | 'insert' | 'delete';
  readonly at: number;
  readonly byte: number;
}

/** One record (`record`, modulo the count) written with the lies named; the others as built. */
export interface CraftedRecord {
  readonly kind: 'crafted';
  readonly record: number;
  /** minimal; padded: one continuation byte more than needed; inverted: the high bit ends a varint. */
  readonly varints: 'minimal' | 'padded' | 'inverted';
  /** The key length: -1 (null, as built), -2 (also null), 0 (empty). */
  readonly key: -1 | -2 | 0;
  /** Well-formed headers written after the count (key 'h', value null). */
  readonly headers: number;
  /** The header count written, as an offset from `headers` (-1 with no headers: a count of -1). */
  readonly countLie: -1 | 0 | 1;
  /** Raw bytes after the headers. */
  readonly headerBytes: readonly number[];
  /** Added to the record's true body length when it is written. */
  readonly lengthLie: -1 | 0 | 1;
}

export type RecordDamage = RecordEdit | CraftedRecord;

/** The damaged section in hex, or undefined when it would read back as records other than those sent. */
export function damagedSection(
  damage: RecordDamage,
  values: readonly string[],
  timestamps: readonly number[],
): string | undefined {
  const records = values.map((value, i) => ({ value, timestamp: timestamps[i]! }));
  const sent = (bytes: Buffer) => {
    const reading = readSection(bytes, values.length);
    return (
      reading.error !== 'NONE' ||
      reading.records.every(
        (r, i) =>
          r.value === values[i] &&
          r.offsetDelta === i &&
          r.timestampDelta === timestamps[i]! - timestamps[0]!,
      )
    );
  };
  if (damage.kind === 'crafted') {
    const bytes = crafted(damage, records);
    return sent(bytes) ? bytes.toString('hex') : undefined;
  }
  // An edit that would change what is stored moves on to the next position.
  const section = writeSection(records);
  for (let shift = 0; shift <= section.length; shift++) {
    const bytes = applyRecordEdit(section, { ...damage, at: damage.at + shift });
    if (sent(bytes)) return bytes.toString('hex');
  }
  return undefined;
}

/** `section` with `edit` made (a new buffer; an empty section is returned as it is). */
export function applyRecordEdit(section: Buffer, edit: Omit<RecordEdit, 'kind'>): Buffer {
  if (section.length === 0) return Buffer.from(section);
  const byte = edit.byte & 0xff;
  switch (edit.op) {
    case 'set': {
      const out = Buffer.from(section);
      out[edit.at % section.length] = byte;
      return out;
    }
    case 'insert': {
      const at = edit.at % (section.length + 1);
      return Buffer.concat([section.subarray(0, at), Buffer.from([byte]), section.subarray(at)]);
    }
    case 'delete': {
      const at = edit.at % section.length;
      return Buffer.concat([section.subarray(0, at), section.subarray(at + 1)]);
    }
  }
}

type Lies = Omit<CraftedRecord, 'kind' | 'record'>;

/** No lies: a record exactly as Kafka's producer writes it (what writeSection writes). */
export const HONEST: Lies = {
  varints: 'minimal',
  key: -1,
  headers: 0,
  countLie: 0,
  headerBytes: [],
  lengthLie: 0,
};

function crafted(craft: CraftedRecord, records: readonly { value: string; timestamp: number }[]): Buffer {
  const chosen = craft.record % records.length;
  const base = records[0]!.timestamp;
  return Buffer.concat(
    records.map((record, index) => recordBytes(record, base, index, index === chosen ? craft : HONEST)),
  );
}

/** The `index`-th record of a batch whose base timestamp is `base`, written with `lies`. */
export function recordBytes(
  record: { value: string; timestamp: number },
  base: number,
  index: number,
  lies: Lies,
): Buffer {
  const varint = (n: number) => encodeVarint(n, lies.varints);
  const value = Buffer.from(record.value, 'utf8');
  const body = Buffer.concat([
    Buffer.from([0]), // attributes
    varint(record.timestamp - base),
    varint(index),
    varint(lies.key),
    varint(value.length),
    value,
    varint(lies.headers + lies.countLie),
    ...Array.from({ length: lies.headers }, () => Buffer.concat([varint(1), Buffer.from('h'), varint(-1)])),
    Buffer.from(lies.headerBytes),
  ]);
  return Buffer.concat([varint(body.length + lies.lengthLie), body]);
}

/** The zigzag varint of `n` in the given style, from the shortest form Kafka writes. */
function encodeVarint(n: number, style: CraftedRecord['varints']): Buffer {
  const minimal = zigzagVarint(n);
  if (style === 'minimal') return minimal;
  if (style === 'inverted') return Buffer.from(minimal.map((byte) => byte ^ 0x80));
  // padded: the last byte continues into one more byte of zero
  const padded = Buffer.concat([minimal, Buffer.from([0])]);
  padded[minimal.length - 1]! |= 0x80;
  return padded;
}
