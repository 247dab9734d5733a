// `kspec groups` against `kspec broker` with a live kafkajs group: the --describe table (Kafka's
// columns, offsets, lag, the member owning each partition), --list, a group with no active members,
// and an unknown group (exit 1).
import test from 'ava';
import { Kafka, logLevel } from 'kafkajs';
import {
  eventually,
  FAST_GROUP_CONFIG,
  startKspecBroker,
} from '../../impl/broker/testing/kspec-broker-process.ts';
import { cli } from '../testing/run-cli.ts';

process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';

function table(stdout: string): Record<string, string>[] {
  const lines = stdout.split('\n').filter((line) => /\S/.test(line) && !line.startsWith('Consumer group'));
  const header = lines[0]!.trim().split(/\s+/);
  return lines.slice(1).map((line) => {
    const cells = line.trim().split(/\s+/);
    return Object.fromEntries(header.map((name, i) => [name, cells[i]!]));
  });
}

test('kspec groups --describe/--list show a live kafkajs group as kafka-consumer-groups.sh does', async (t) => {
  const broker = await startKspecBroker({ brokers: 1, config: FAST_GROUP_CONFIG });
  const bootstrap = broker.bootstrap.join(',');
  const kafka = new Kafka({ clientId: 'groups-cli', brokers: broker.bootstrap, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: 'report-g', heartbeatInterval: 500, maxWaitTimeInMs: 300 });
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'report-t', numPartitions: 3 }] });
    await producer.connect();
    for (let partition = 0; partition < 3; partition++)
      await producer.send({
        topic: 'report-t',
        messages: Array.from({ length: 10 * (partition + 1) }, (_, i) => ({ value: `v${i}`, partition })),
      });
    await consumer.connect();
    await consumer.subscribe({ topic: 'report-t', fromBeginning: true });
    let seen = 0;
    // Commits stop short of the end on partition 2 so the lag column has something to show.
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        seen++;
        const next = Number(message.offset) + 1;
        if (partition !== 2 || next <= 25)
          await consumer.commitOffsets([{ topic: 'report-t', partition, offset: String(next) }]);
      },
    });
    await eventually(
      async () => seen,
      (n) => n >= 60,
      20_000,
    );

    const described = await cli('groups', '--bootstrap', bootstrap, '--describe', '--group', 'report-g');
    t.is(described.code, 0, described.stderr);
    const header = described.stdout.split('\n').find((line) => line.startsWith('GROUP'))!;
    t.deepEqual(header.trim().split(/\s+/), [
      'GROUP',
      'TOPIC',
      'PARTITION',
      'CURRENT-OFFSET',
      'LOG-END-OFFSET',
      'LAG',
      'CONSUMER-ID',
      'HOST',
      'CLIENT-ID',
    ]);
    const rows = table(described.stdout);
    t.deepEqual(
      rows.map((row) => [row['PARTITION'], row['CURRENT-OFFSET'], row['LOG-END-OFFSET'], row['LAG']]),
      [
        ['0', '10', '10', '0'],
        ['1', '20', '20', '0'],
        ['2', '25', '30', '5'],
      ],
    );
    for (const row of rows) {
      t.is(row['GROUP'], 'report-g');
      t.is(row['HOST'], '/127.0.0.1');
      t.is(row['CLIENT-ID'], 'groups-cli');
      t.not(row['CONSUMER-ID'], '-');
    }

    const listed = await cli('groups', '--bootstrap', bootstrap, '--list');
    t.is(listed.code, 0, listed.stderr);
    t.true(listed.stdout.split('\n').includes('report-g'));

    await consumer.disconnect();
    const empty = await cli('groups', '--bootstrap', bootstrap, '--describe', '--group', 'report-g');
    t.regex(empty.stdout, /Consumer group 'report-g' has no active members\./);
    t.true(table(empty.stdout).every((row) => row['CONSUMER-ID'] === '-'));

    const unknown = await cli('groups', '--bootstrap', bootstrap, '--describe', '--group', 'nobody');
    t.is(unknown.code, 1);
    t.regex(unknown.stderr, /does not exist/);
    const usage = await cli('groups', '--bootstrap', bootstrap, '--describe');
    t.is(usage.code, 2);
  } finally {
    await consumer.disconnect().catch(() => {});
    await producer.disconnect();
    await admin.disconnect();
    await broker.stop();
  }
});
