import test from 'ava';
import {
  folkloreOffsetsPartition,
  javaStringHashCode,
  kafkaUtilsAbs,
  offsetsPartitionFor,
} from './java-hash.ts';

// Values printed by a JVM (String.hashCode and Math.abs(hash) % 50) for these strings.
const javaValues: [string, number, number][] = [
  ['', 0, 0],
  ['a', 97, 47],
  ['polygenelubricants', -2147483648, -48],
  ['hello', 99162322, 22],
  ['my-group', -1906497762, 12],
  ['console-consumer-12345', 158455506, 6],
  ['\u{1F600}', 1772899, 49],
  ['group\u00e9', -1237460406, 6],
];

test('AS-9 javaStringHashCode matches the JVM over UTF-16 code units with 32-bit wrap-around', (t) => {
  for (const [text, hash] of javaValues) t.is(javaStringHashCode(text), hash, JSON.stringify(text));
});

test('AS-8 Utils.abs maps Integer.MIN_VALUE to 0 and is Math.abs elsewhere', (t) => {
  t.is(kafkaUtilsAbs(-2147483648), 0);
  t.is(kafkaUtilsAbs(-5), 5);
  t.is(kafkaUtilsAbs(7), 7);
});

test('AS-8 offsetsPartitionFor uses Utils.abs, where the folklore Math.abs formula goes negative', (t) => {
  for (const [text, hash, javaFolklore] of javaValues) {
    t.is(folkloreOffsetsPartition(text, 50), javaFolklore, JSON.stringify(text));
    const expected = hash === -2147483648 ? 0 : Math.abs(hash) % 50;
    t.is(offsetsPartitionFor(text, 50), expected);
    t.true(offsetsPartitionFor(text, 50) >= 0);
  }
  t.is(offsetsPartitionFor('polygenelubricants'), 0);
  t.is(folkloreOffsetsPartition('polygenelubricants'), -48);
  t.is(offsetsPartitionFor('my-group', 7), 1906497762 % 7);
  t.throws(() => offsetsPartitionFor('g', 0), { instanceOf: RangeError });
});
