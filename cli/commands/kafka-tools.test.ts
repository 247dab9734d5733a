// Kafka's own tools, as kspec spells them (issue 21), against `kspec broker` with a live kafkajs
// group: `topics --describe` (kafka-topics.sh, the replica spread of __consumer_offsets), `groups
// --json` with its lag, and `log dump` with kafka-dump-log.sh's flags, `--offsets-decoder` reading
// the group's commits back from its __consumer_offsets partition.
import test from 'ava';
import { Kafka, logLevel } from 'kafkajs';
import { FAST_GROUP_CONFIG, startKspecBroker } from '../../impl/broker/testing/kspec-broker-process.ts';
import { cli } from '../testing/run-cli.ts';

process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';

test('topics --describe, groups --json lag and log dump --offsets-decoder on a live group', async (t) => {
  const broker = await startKspecBroker({ brokers: 3, config: FAST_GROUP_CONFIG });
  const bootstrap = broker.bootstrap.join(',');
  const kafka = new Kafka({ clientId: 'tools', brokers: broker.bootstrap, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer();
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'tools-t', numPartitions: 1, replicationFactor: 3 }] });
    await producer.connect();
    await producer.send({ topic: 'tools-t', messages: ['a', 'b', 'c', 'd'].map((value) => ({ value })) });
    // A commit at 3 of 4 records, so the lag is 1.
    await admin.setOffsets({
      groupId: 'tools-g',
      topic: 'tools-t',
      partitions: [{ partition: 0, offset: '3' }],
    });

    const described = await cli(
      'topics',
      '--bootstrap-server',
      bootstrap,
      '--describe',
      '--topic',
      '__consumer_offsets',
    );
    t.is(described.code, 0, described.stderr);
    const lines = described.stdout.trimEnd().split('\n');
    t.is(lines[0], 'Topic: __consumer_offsets\tPartitionCount: 5\tReplicationFactor: 3');
    t.is(lines.length, 6);
    const leaders = new Set<string>();
    for (const line of lines.slice(1)) {
      const match =
        /^\tTopic: __consumer_offsets\tPartition: \d\tLeader: (\d)\tReplicas: (\d,\d,\d)\tIsr: [\d,]+$/.exec(
          line,
        );
      t.truthy(match, line);
      leaders.add(match![1]!);
      t.is(new Set(match![2]!.split(',')).size, 3, 'three distinct replicas');
    }
    t.is(leaders.size, 3, 'the coordinators spread over the three brokers');
    const missing = await cli('topics', '--bootstrap-server', bootstrap, '--describe', '--topic', 'nope');
    t.is(missing.code, 1);
    t.is(missing.stderr, "Error: Topic 'nope' does not exist as expected\n");
    const listed = await cli('topics', '--bootstrap-server', bootstrap, '--list');
    t.deepEqual(listed.stdout.split('\n').filter(Boolean), ['__consumer_offsets', 'tools-t']);

    const group = await cli(
      'groups',
      '--bootstrap-server',
      bootstrap,
      '--describe',
      '--group',
      'tools-g',
      '--json',
    );
    t.is(group.code, 0, group.stderr);
    const rows = (
      JSON.parse(group.stdout) as { rows: { currentOffset: number; logEndOffset: number; lag: number }[] }
    ).rows;
    t.deepEqual(
      rows.map((row) => [row.currentOffset, row.logEndOffset, row.lag]),
      [[3, 4, 1]],
    );

    // The group's commit, read back from its __consumer_offsets partition on the leader's disk.
    const partition = Number((await cli('offsets-partition', 'tools-g', '--partitions', '5')).stdout.trim());
    const leader = /Partition: (\d+)\tLeader: (\d)/g;
    const leaderOf = new Map([...described.stdout.matchAll(leader)].map((m) => [Number(m[1]), m[2]]));
    const file = `${broker.dataDir}/broker-${leaderOf.get(partition)}/__consumer_offsets-${partition}/00000000000000000000.log`;
    const decoded = await cli('log', 'dump', '--offsets-decoder', '--files', file);
    t.is(decoded.code, 0, decoded.stderr);
    t.regex(
      decoded.stdout,
      /\| offset: \d+ CreateTime: \d+ keySize: \d+ valueSize: \d+ headerKeys: \[\] key: \{"type":"1","data":\{"group":"tools-g","topic":"tools-t","partition":0\}\} payload: \{"version":"\d","data":\{"offset":3,"leaderEpoch":-?\d+,"metadata":"","commitTimestamp":\d+\}\}/,
    );
    t.regex(
      decoded.stdout,
      /key: \{"type":"2","data":\{"group":"tools-g"\}\} payload: \{"version":"3","data":\{"protocolType":"consumer","generation":1,.*"assignment":"tools-t-0"/,
    );
    const deep = await cli('log', 'dump', '--deep-iteration', '--files', file);
    t.regex(deep.stdout, /\| offset: 0 CreateTime: \d+ keySize: \d+ valueSize: \d+ headerKeys: \[\]\n/);
    t.notRegex(deep.stdout, /payload:/, '--deep-iteration lists records without their data');
    const data = await cli('log', 'dump', '--print-data-log', '--files', file);
    t.regex(data.stdout, /payload: /);
    const none = await cli('log', 'dump');
    t.is(none.code, 2);
    t.regex(none.stderr, /name the files to dump: --files PATH/);
  } finally {
    await producer.disconnect();
    await admin.disconnect();
    t.is(await broker.stop(), 0);
  }
});
