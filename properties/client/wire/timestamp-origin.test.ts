// The wire client sends record timestamps and ListOffsets targets shifted by its timestamp origin and
// shifts found timestamps back (LG-7), so a broker whose clock is the wall clock sees records of its
// own present while lookups find the offsets the run's clock names. Checked on the bytes it sends,
// through a stand-in for the cluster.
import test from 'ava';
import { parseRecordBatches } from '../../../impl/log/batch/decode.ts';
import { resolveConfig } from '../../../spec/config.ts';
import type { KafkaTarget } from './target.ts';
import { WireTransport } from './wire-transport.ts';

const ORIGIN = 1_765_000_000_000;

function standIn() {
  const sent: { api: string; body: Record<string, unknown> }[] = [];
  const target = {
    nodes: new Map([[0, { host: '127.0.0.1', port: 1 }]]),
    async request(
      _address: unknown,
      _lane: string,
      api: string,
      _version: number,
      body: Record<string, unknown>,
    ) {
      sent.push({ api, body });
      if (api === 'Produce')
        return { responses: [{ partitionResponses: [{ errorCode: 0, baseOffset: 0 }] }] };
      return { topics: [{ partitions: [{ errorCode: 0, offset: 3, timestamp: ORIGIN + 250 }] }] };
    },
  } as unknown as KafkaTarget;
  const transport = new WireTransport(target, resolveConfig({}));
  transport.timestampOriginMs = ORIGIN;
  return { transport, sent };
}

test('records carry origin + run-clock timestamps; a lookup sends origin + target and answers in run-clock ms', async (t) => {
  const { transport, sent } = standIn();
  const from = { client: 'p', lane: 'produce' } as const;
  await new Promise<void>((done) =>
    transport.produce(
      from,
      0,
      { version: 12, topic: 't', partition: 0, acks: 1, values: ['a', 'b'], timestamps: [200, 100] },
      () => done(),
    ),
  );
  const produce = sent.find((s) => s.api === 'Produce')!.body as {
    topicData: { partitionData: { records: Buffer }[] }[];
  };
  const [batch] = parseRecordBatches(produce.topicData[0]!.partitionData[0]!.records);
  t.deepEqual(
    batch!.records.map((r) => r.timestamp),
    [ORIGIN + 200, ORIGIN + 100],
  );
  const answer = await transport.listOffsets(from, 0, {
    topic: 't',
    partition: 0,
    timestamp: 150,
    version: 6,
  });
  const request = sent.find((s) => s.api === 'ListOffsets')!.body as {
    topics: { partitions: { timestamp: number }[] }[];
  };
  t.is(request.topics[0]!.partitions[0]!.timestamp, ORIGIN + 150);
  t.deepEqual(answer, { error: 'NONE', offset: 3, timestamp: 250 });
  await transport.listOffsets(from, 0, { topic: 't', partition: 0, timestamp: -2, version: 6 });
  t.is(
    (sent.at(-1)!.body as { topics: { partitions: { timestamp: number }[] }[] }).topics[0]!.partitions[0]!
      .timestamp,
    -2,
    'earliest and latest are not shifted',
  );
});
