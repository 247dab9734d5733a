// The idempotent-producer scenario's expected answers are Kafka 4.4's: its own UnifiedLog gives
// each of them (the model and the reference log replay the same scenario in their own tests).
import test from 'ava';
import { decodeSnapshot, encodeSnapshot, snapshotFileName } from '../../../impl/log/producer-snapshot.ts';
import {
  expectedAnswers,
  FOLLOWER_SCENARIO,
  LEADER_SCENARIO,
} from '../../../spec/testing/producer-state-scenario.ts';
import { kafkaProducerAnswers, runProducerProbe } from './producer-state-probe.ts';

for (const [name, scenario] of [
  ['leader', LEADER_SCENARIO],
  ['follower', FOLLOWER_SCENARIO],
] as const)
  test(`IP-1 IP-2 IP-3 IP-4 IP-5 IP-6 Kafka 4.4's UnifiedLog answers the ${name} scenario as spec/testing expects`, async (t) => {
    t.timeout(600_000); // the first run builds the Java programs with Maven
    const answers = await kafkaProducerAnswers(scenario);
    t.deepEqual(
      answers.map((answer, i) => [scenario[i]!.what, answer]),
      expectedAnswers(scenario).map((answer, i) => [scenario[i]!.what, answer]),
    );
  });

test("IP-6 kspec's producer snapshot files are Kafka's: kspec reads the one Kafka wrote, Kafka reads kspec's", async (t) => {
  t.timeout(600_000);
  const mine = [
    {
      producerId: 1,
      epoch: 1,
      lastSequence: 8,
      lastOffset: 18,
      offsetDelta: 0,
      timestamp: 1_700_000_000_000,
    },
    { producerId: 2, epoch: 0, lastSequence: 6, lastOffset: 8, offsetDelta: 0, timestamp: 1_700_000_000_001 },
    {
      producerId: 5,
      epoch: 3,
      lastSequence: 12,
      lastOffset: 30,
      offsetDelta: 2,
      timestamp: 1_700_000_000_002,
    },
  ];
  const answers = await runProducerProbe([
    ...LEADER_SCENARIO,
    { kind: 'kafka-snapshot' },
    { kind: 'read-snapshot', base64: encodeSnapshot(mine).toString('base64') },
  ]);
  const [kafkaFile, kafkaReading] = answers.slice(-2);
  // After the scenario's truncation to 19 Kafka's latest snapshot is at 19, as kspec's is.
  t.is(kafkaFile!.name, snapshotFileName(19));
  const decoded = decodeSnapshot(Buffer.from(kafkaFile!.base64!, 'base64'));
  t.deepEqual(
    decoded?.map(({ timestamp: _t, ...entry }) => entry).sort((a, b) => a.producerId - b.producerId),
    [
      { producerId: 1, epoch: 1, lastSequence: 8, lastOffset: 18, offsetDelta: 0 },
      { producerId: 2, epoch: 0, lastSequence: 6, lastOffset: 8, offsetDelta: 0 },
      { producerId: 3, epoch: 0, lastSequence: 0, lastOffset: 7, offsetDelta: 0 },
    ],
  );
  t.deepEqual(
    [...(kafkaReading!.entries ?? [])].sort((a, b) => a.producerId! - b.producerId!),
    mine,
  );
});
