import test from 'ava';
import type { ProduceEvent } from './events.ts';
import { listOffsetsTimestamp, listOffsetsVersion, recordTimestamps } from './timestamps.ts';

const produce = (timestamps?: number[]): ProduceEvent => ({
  type: 'produce',
  producer: 'p',
  topic: 't',
  partition: 0,
  values: ['a', 'b', 'c'],
  acks: -1,
  ...(timestamps ? { timestamps } : {}),
});

test("record timestamps: the event's, the run's clock for values it does not cover", (t) => {
  t.deepEqual(recordTimestamps(produce(), 7), [7, 7, 7]);
  t.deepEqual(recordTimestamps(produce([3, 1]), 7), [3, 1, 7]);
});

test('ListOffsets timestamps: -2 earliest, -1 latest, the target (0 when absent) by timestamp', (t) => {
  const event = { type: 'list-offsets', client: 'c', topic: 't', partition: 0 } as const;
  t.is(listOffsetsTimestamp({ ...event, position: 'earliest' }), -2);
  t.is(listOffsetsTimestamp({ ...event, position: 'latest' }), -1);
  t.is(listOffsetsTimestamp({ ...event, position: 'timestamp', timestamp: 42 }), 42);
  t.is(listOffsetsTimestamp({ ...event, position: 'timestamp' }), 0);
});

test("ListOffsets versions: the event's (6 when absent), raised to v1 by timestamp and v2 for read_committed", (t) => {
  const event = { type: 'list-offsets', client: 'c', topic: 't', partition: 0 } as const;
  t.is(listOffsetsVersion({ ...event, position: 'latest' }), 6);
  t.is(listOffsetsVersion({ ...event, position: 'earliest', version: 0 }), 0);
  t.is(listOffsetsVersion({ ...event, position: 'timestamp', version: 0 }), 1);
  t.is(listOffsetsVersion({ ...event, position: 'timestamp', version: 3 }), 3);
  t.is(listOffsetsVersion({ ...event, position: 'latest', isolation: 'read_committed', version: 1 }), 2);
  t.is(listOffsetsVersion({ ...event, position: 'timestamp', isolation: 'read_committed', version: 0 }), 2);
});
