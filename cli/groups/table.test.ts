// The --describe table byte for byte: Kafka's columns padded to the widest cell, '-' for unknown
// values and for a lag without both offsets, and the notice for a group without active members.
import test from 'ava';
import type { GroupDescription } from './report.ts';
import { formatDescription } from './table.ts';

const described: GroupDescription = {
  group: 'g',
  state: 'Stable',
  members: 1,
  rows: [
    {
      group: 'g',
      topic: 'orders',
      partition: 0,
      currentOffset: 10,
      logEndOffset: 12,
      lag: 2,
      consumerId: 'c-1',
      host: '/127.0.0.1',
      clientId: 'app',
    },
    {
      group: 'g',
      topic: 'orders',
      partition: 1,
      currentOffset: null,
      logEndOffset: 3,
      lag: null,
      consumerId: null,
      host: null,
      clientId: null,
    },
  ],
};

const TABLE = [
  'GROUP  TOPIC   PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG  CONSUMER-ID  HOST        CLIENT-ID',
  'g      orders  0          10              12              2    c-1          /127.0.0.1  app',
  'g      orders  1          -               3               -    -            -           -',
].join('\n');

test('the table has Kafka columns, padded, with dashes for what is unknown', (t) => {
  t.is(formatDescription(described), `\n${TABLE}\n`);
});

test('a group without active members gets the notice first', (t) => {
  t.is(
    formatDescription({ ...described, state: 'Empty', members: 0 }),
    `\nConsumer group 'g' has no active members.\n\n${TABLE}\n`,
  );
});
