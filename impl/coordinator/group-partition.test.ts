import test from 'ava';
import { javaStringHashCode, kafkaUtilsAbs, offsetsPartitionFor } from './group-partition.ts';

test('String.hashCode matches Java for known strings', (t) => {
  t.is(javaStringHashCode(''), 0);
  t.is(javaStringHashCode('a'), 97);
  t.is(javaStringHashCode('hello'), 99162322);
  // Overflows: wraps to int32 like Java.
  t.is(javaStringHashCode('polygenelubricants'), -2147483648);
  // Hashing runs over UTF-16 code units: a surrogate pair counts twice.
  t.is(javaStringHashCode('😀'), 0xd83d * 31 + 0xde00);
});

test('Utils.abs maps Integer.MIN_VALUE to 0, unlike Math.abs', (t) => {
  t.is(kafkaUtilsAbs(-2147483648), 0);
  t.is(kafkaUtilsAbs(-5), 5);
  t.is(kafkaUtilsAbs(7), 7);
});

test('a group lands on abs(hashCode) % partitions', (t) => {
  t.is(offsetsPartitionFor('polygenelubricants', 50), 0);
  t.is(offsetsPartitionFor('a', 50), 97 % 50);
  t.is(offsetsPartitionFor('', 50), 0);
  t.is(offsetsPartitionFor('hello', 50), 99162322 % 50);
  t.throws(() => offsetsPartitionFor('g', 0), { instanceOf: RangeError });
});
