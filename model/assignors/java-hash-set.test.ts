import test from 'ava';
import { JavaHashSet, javaHashMapKeyOrder, topicPartitionHashCode } from './java-hash-set.ts';
import { partitionKey } from './order.ts';
import type { TopicPartitionRef } from './types.ts';

// Expected orders printed by Java 17 (java.util.HashMap / HashSet, org.apache.kafka.common.TopicPartition).

test('AS-10 javaHashMapKeyOrder iterates member ids as a default HashMap does ("Aa" and "BB" share a hash; 13 keys resize to 32)', (t) => {
  const keys = [
    'c1',
    'c2',
    'c10',
    'consumer-1-abc',
    'b',
    'zz',
    'app-2-x',
    'Aa',
    'BB',
    'c3',
    'c4',
    'c5',
    'c6',
  ];
  t.deepEqual(javaHashMapKeyOrder(keys), [
    'zz',
    'Aa',
    'BB',
    'b',
    'c10',
    'consumer-1-abc',
    'app-2-x',
    'c1',
    'c2',
    'c3',
    'c4',
    'c5',
    'c6',
  ]);
});

test('AS-10 JavaHashSet of TopicPartitions keeps Java order through resizes, removals and re-insertion', (t) => {
  const set = new JavaHashSet<TopicPartitionRef>(partitionKey, topicPartitionHashCode);
  for (let partition = 30; partition >= 0; partition--) set.add({ topic: 'orders', partition });
  for (let partition = 0; partition < 31; partition += 3) set.delete({ topic: 'orders', partition });
  set.add({ topic: 'orders', partition: 3 });
  set.add({ topic: 't', partition: 1 });
  t.deepEqual(
    set.values().map(partitionKey),
    [8, 10, 14, 16, 20, 22, 26, 't-1', 28, 1, 3, 5, 7, 11, 13, 17, 19, 23, 25, 29, 2, 4].map((p) =>
      typeof p === 'number' ? `orders-${p}` : p,
    ),
  );
  t.is(set.first()?.partition, 8);
});
