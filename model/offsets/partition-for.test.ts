import test from 'ava';
import * as contractHash from '../../spec/java-hash.ts';
import {
  javaStringHashCode,
  kafkaUtilsAbs,
  offsetsPartitionFor,
  offsetsPartitionForConfig,
  offsetsTopicShape,
} from './partition-for.ts';

test("OC-11 AS-8 one implementation: the coordinator side uses the contract's hash and abs (spec/java-hash.ts)", (t) => {
  t.is(javaStringHashCode, contractHash.javaStringHashCode);
  t.is(kafkaUtilsAbs, contractHash.kafkaUtilsAbs);
  t.is(offsetsPartitionFor, contractHash.offsetsPartitionFor);
});

test('OC-11 the partition follows offsets.topic.num.partitions', (t) => {
  t.is(offsetsPartitionForConfig('hello'), 22);
  t.is(offsetsPartitionForConfig('hello', { 'offsets.topic.num.partitions': 7 }), 99162322 % 7);
  t.is(offsetsPartitionForConfig('polygenelubricants', { 'offsets.topic.num.partitions': 7 }), 0);
});

test('OC-11 Java String.hashCode over UTF-16 units with 32-bit wrap-around', (t) => {
  t.is(javaStringHashCode(''), 0);
  t.is(javaStringHashCode('a'), 97);
  t.is(javaStringHashCode('hello'), 99162322);
  t.is(javaStringHashCode('Hello World'), -862545276);
  t.is(javaStringHashCode('polygenelubricants'), -2147483648);
  t.is(javaStringHashCode('\u{1F600}'), 0xd83d * 31 + 0xde00);
});

test('OC-11 Utils.abs maps Integer.MIN_VALUE to 0, so such a group lands on partition 0 (Math.abs would give a negative one)', (t) => {
  t.is(kafkaUtilsAbs(-2147483648), 0);
  t.is(kafkaUtilsAbs(-5), 5);
  t.is(offsetsPartitionFor('polygenelubricants'), 0);
  t.is(offsetsPartitionFor('hello'), 22);
  t.is(offsetsPartitionFor('Hello World'), 862545276 % 50);
  t.is(offsetsPartitionFor('a', 50), 47);
  t.throws(() => offsetsPartitionFor('a', 0), { instanceOf: RangeError });
});

test('OC-11 __consumer_offsets defaults to 50 partitions and replication factor 3, not 1', (t) => {
  t.deepEqual(offsetsTopicShape(), { partitions: 50, replicationFactor: 3 });
  t.deepEqual(offsetsTopicShape({ 'offsets.topic.replication.factor': 1 }), {
    partitions: 50,
    replicationFactor: 1,
  });
});
