// Kafka 4.4's own command-line tools pointed at `kspec broker` and its files (issue 20 part 4), the
// course notes' example end to end: topic ass5part with 5 partitions, 5 records in each, group
// gp-assign-group-1 of two Java consumers (range, Kafka's default assignor), then
//   kafka-topics --create/--describe           (TopicCommand: CreateTopics, Metadata, DescribeConfigs)
//   kafka-consumer-groups --describe           (ConsumerGroupCommand: the course's offsets table)
//   kafka-console-consumer on __consumer_offsets with OffsetsMessageFormatter and
//     GroupMetadataMessageFormatter            (every kspec record decoded, none "unknown")
//   kafka-dump-log                             (DumpLogSegments reads kspec's segment and indexes
//                                               with the offsets, CRCs and positions kspec reports)
// Kafka's tools come from Maven (`org.apache.kafka:kafka-tools:4.4.0`, the pom's kafka-tools
// profile); CI installs Java and Maven, so a missing tool fails this test, it is never skipped.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import test from 'ava';
import { Kafka, logLevel } from 'kafkajs';
import { cli } from '../../../cli/testing/run-cli.ts';
import {
  eventually,
  FAST_GROUP_CONFIG,
  startKspecBroker,
} from '../../../impl/broker/testing/kspec-broker-process.ts';
import { offsetsPartitionFor } from '../../../spec/java-hash.ts';
import { ensureKafkaTools } from './jar.ts';

process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';

const TOPIC = 'ass5part';
const GROUP = 'gp-assign-group-1';
const TOOLS = 'org.apache.kafka.tools';

/** Runs one of Kafka's tools to completion; its stdout (Kafka's logging goes to stderr). */
function tool(classpath: string, mainClass: string, args: string[], timeoutMs = 90_000): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      'java',
      ['-Xmx256m', '-cp', classpath, `${TOOLS}.${mainClass}`, ...args],
      { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`${mainClass} failed: ${error.message}\n${stderr.slice(-2000)}`))
          : resolve(stdout),
    ),
  );
}

/** The JSON objects a formatter printed back to back (4.4's formatters write no separator). */
function jsonObjects(text: string): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) objects.push(JSON.parse(text.slice(start, i + 1)));
  }
  return objects;
}

interface DescribeRow {
  partition: number;
  current: string;
  logEnd: string;
  lag: string;
  clientId: string;
}

function describeRows(table: string): DescribeRow[] {
  return table
    .split('\n')
    .filter((line) => line.startsWith(`${GROUP} `))
    .map((line) => line.trim().split(/\s+/))
    .map((cells) => ({
      partition: Number(cells[2]),
      current: cells[3]!,
      logEnd: cells[4]!,
      lag: cells[5]!,
      clientId: cells[8] ?? '',
    }))
    .sort((a, b) => a.partition - b.partition);
}

/** `baseOffset: 0 lastOffset: 4 ... position: 0 ... crc: 4075274007` lines of kafka-dump-log. */
function dumpedBatches(
  text: string,
): { baseOffset: number; lastOffset: number; position: number; crc: number }[] {
  return [...text.matchAll(/^baseOffset: (\d+) lastOffset: (\d+) .*? position: (\d+) .*? crc: (\d+)/gm)].map(
    (m) => ({
      baseOffset: Number(m[1]),
      lastOffset: Number(m[2]),
      position: Number(m[3]),
      crc: Number(m[4]),
    }),
  );
}

test("Kafka 4.4's kafka-topics, kafka-consumer-groups, kafka-console-consumer and kafka-dump-log work against kspec", async (t) => {
  t.timeout(600_000);
  const { classpath } = await ensureKafkaTools();
  const broker = await startKspecBroker({ brokers: 3, config: FAST_GROUP_CONFIG });
  const bootstrap = broker.bootstrap.join(',');
  const consumers: ChildProcess[] = [];
  try {
    // kafka-topics --create / --describe
    const created = await tool(classpath, 'TopicCommand', [
      '--bootstrap-server',
      bootstrap,
      '--create',
      '--topic',
      TOPIC,
      '--partitions',
      '5',
      '--replication-factor',
      '3',
      '--config',
      'min.insync.replicas=2',
    ]);
    t.regex(created, /Created topic ass5part\./);
    const described = await tool(classpath, 'TopicCommand', [
      '--bootstrap-server',
      bootstrap,
      '--describe',
      '--topic',
      TOPIC,
    ]);
    t.regex(
      described,
      /Topic: ass5part\tPartitionCount: 5\tReplicationFactor: 3\tConfigs: min\.insync\.replicas=2/,
    );
    t.is(
      described.match(/\tPartition: \d\tLeader: \d\tReplicas: \d,\d,\d\tIsr: \d,\d,\d/g)?.length,
      5,
      described,
    );

    const kafka = new Kafka({ clientId: 'course', brokers: broker.bootstrap, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    for (let partition = 0; partition < 5; partition++)
      await producer.send({
        topic: TOPIC,
        acks: -1,
        messages: [0, 1, 2, 3, 4].map((i) => ({ partition, value: `p${partition}-m${i}` })),
      });
    await producer.disconnect();

    // Two Java consumers of the group; Kafka's default assignor list starts with range, and range
    // orders members by id (client id first), so consumer-1 takes 0-2 and consumer-2 takes 3-4.
    for (const clientId of ['consumer-1', 'consumer-2'])
      consumers.push(
        spawn(
          'java',
          [
            '-Xmx256m',
            '-cp',
            classpath,
            `${TOOLS}.consumer.ConsoleConsumer`,
            '--bootstrap-server',
            bootstrap,
            '--topic',
            TOPIC,
            '--group',
            GROUP,
            '--from-beginning',
            '--consumer-property',
            `client.id=${clientId}`,
            '--consumer-property',
            'auto.commit.interval.ms=200',
          ],
          { stdio: 'ignore' },
        ),
      );
    // kafka-consumer-groups --describe: the course's table once both members hold their share.
    const expected = [0, 1, 2, 3, 4].map((partition) => ({
      partition,
      current: '5',
      logEnd: '5',
      lag: '0',
      clientId: partition < 3 ? 'consumer-1' : 'consumer-2',
    }));
    const rows = await eventually(
      async () =>
        describeRows(
          await tool(classpath, 'consumer.group.ConsumerGroupCommand', [
            '--bootstrap-server',
            bootstrap,
            '--describe',
            '--group',
            GROUP,
          ]).catch((error: Error) => error.message),
        ),
      (value) => JSON.stringify(value) === JSON.stringify(expected),
      120_000,
      1000,
    );
    t.deepEqual(rows, expected);
    for (const consumer of consumers) consumer.kill('SIGTERM');
    await Promise.all(
      consumers.map(
        (c) => new Promise((resolve) => (c.exitCode === null ? c.once('exit', resolve) : resolve(null))),
      ),
    );

    // kafka-console-consumer on __consumer_offsets: every offset record of the group, as kspec wrote it.
    const offsetsFormatted = jsonObjects(
      await tool(classpath, 'consumer.ConsoleConsumer', [
        '--bootstrap-server',
        bootstrap,
        '--topic',
        '__consumer_offsets',
        '--from-beginning',
        '--formatter',
        `${TOOLS}.consumer.OffsetsMessageFormatter`,
        '--timeout-ms',
        '8000',
      ]),
    );
    const groupCommits = offsetsFormatted
      .filter((o) => (o['key'] as { type: number; data: { group: string } }).data.group === GROUP)
      .map((o) => {
        const key = o['key'] as { type: number; data: { topic: string; partition: number } };
        const value = o['value'] as { data: { offset: number; metadata: string; commitTimestamp: number } };
        return [
          key.type,
          key.data.topic,
          key.data.partition,
          value.data.offset,
          value.data.metadata,
          value.data.commitTimestamp,
        ];
      });
    // What kspec wrote, read from its own files (the leader's copy of the group's partition).
    const coordinatorPartition = offsetsPartitionFor(GROUP, 5);
    const written: unknown[][] = [];
    for (const brokerDir of ['broker-0', 'broker-1', 'broker-2']) {
      const dumped = await cli(
        'log',
        'dump',
        '--json',
        '--offsets-decoder',
        join(broker.dataDir, brokerDir, `__consumer_offsets-${coordinatorPartition}`),
      );
      if (dumped.code !== 0) continue;
      const files = (
        JSON.parse(dumped.stdout) as {
          files: { batches?: { records?: { key: string; value: string }[] }[] }[];
        }
      ).files;
      for (const record of files.flatMap((f) => f.batches ?? []).flatMap((b) => b.records ?? [])) {
        const key = JSON.parse(record.key) as {
          type: string;
          data: { group: string; topic: string; partition: number };
        };
        if (Number(key.type) !== 1 || key.data.group !== GROUP) continue;
        const value = JSON.parse(record.value) as {
          data: { offset: number; metadata: string; commitTimestamp: number };
        };
        written.push([
          1,
          key.data.topic,
          key.data.partition,
          value.data.offset,
          value.data.metadata,
          value.data.commitTimestamp,
        ]);
      }
      break;
    }
    t.true(written.length >= 5, 'kspec wrote the group commits');
    t.deepEqual(groupCommits, written, 'the formatter decodes every commit as kspec wrote it');
    const last = new Map(groupCommits.map((c) => [c[2], c[3]]));
    t.deepEqual(
      [...last.entries()].sort(),
      [0, 1, 2, 3, 4].map((p) => [p, 5]),
    );

    // GroupMetadataMessageFormatter: the group records (the offsets formatter skips them).
    const groupsFormatted = jsonObjects(
      await tool(classpath, 'consumer.ConsoleConsumer', [
        '--bootstrap-server',
        bootstrap,
        '--topic',
        '__consumer_offsets',
        '--from-beginning',
        '--formatter',
        `${TOOLS}.consumer.GroupMetadataMessageFormatter`,
        '--timeout-ms',
        '8000',
      ]),
    );
    const ours = groupsFormatted.filter(
      (g) => (g['key'] as { data: { group: string } }).data.group === GROUP,
    );
    const generations = ours
      .map(
        (g) =>
          (
            g['value'] as {
              data: { generation: number; protocol: string | null; members: { clientId: string }[] };
            } | null
          )?.data,
      )
      .filter((data) => data !== undefined);
    t.true(
      generations.some(
        (data) =>
          data.protocol === 'range' &&
          data.members
            .map((m) => m.clientId)
            .sort()
            .join(',') === 'consumer-1,consumer-2',
      ),
      JSON.stringify(generations).slice(0, 1000),
    );

    // kafka-topics --describe of __consumer_offsets: its replica spread and compaction.
    const offsetsTopic = await tool(classpath, 'TopicCommand', [
      '--bootstrap-server',
      bootstrap,
      '--describe',
      '--topic',
      '__consumer_offsets',
    ]);
    t.regex(
      offsetsTopic,
      /Topic: __consumer_offsets\tPartitionCount: 5\tReplicationFactor: 3\tConfigs: [^\n]*cleanup\.policy=compact/,
    );
    const leaders = [...offsetsTopic.matchAll(/\tLeader: (\d)/g)].map((m) => m[1]);
    t.is(new Set(leaders).size, 3, `leaders spread over the three brokers: ${leaders.join(',')}`);

    // kafka-dump-log on kspec's files: the same batches, offsets, positions and CRCs as kspec's dump.
    const segment = join(broker.dataDir, 'broker-0', `${TOPIC}-0`, '00000000000000000000');
    const kafkaDump = await tool(classpath, 'DumpLogSegments', [
      '--files',
      `${segment}.log,${segment}.index,${segment}.timeindex`,
      '--print-data-log',
      '--deep-iteration',
    ]);
    t.notRegex(kafkaDump, /Exception|corrupt|isvalid: false/i);
    const kspecDump = JSON.parse((await cli('log', 'dump', '--json', `${segment}.log`)).stdout) as {
      files: { batches: { baseOffset: number; lastOffset: number; position: number; crc: number }[] }[];
    };
    t.deepEqual(
      dumpedBatches(kafkaDump),
      kspecDump.files[0]!.batches.map(({ baseOffset, lastOffset, position, crc }) => ({
        baseOffset,
        lastOffset,
        position,
        crc,
      })),
    );
    t.regex(kafkaDump, /payload: p0-m4/);
  } finally {
    for (const consumer of consumers) if (consumer.exitCode === null) consumer.kill('SIGKILL');
    t.is(await broker.stop(), 0);
  }
});
