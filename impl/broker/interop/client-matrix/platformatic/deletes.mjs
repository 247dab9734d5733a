// @platformatic/kafka 1.35's admin deletions against a broker, for impl/broker/interop/deletes.test.ts:
//   offsets BOOTSTRAP GROUP TOPIC PARTITION...  OffsetDelete (Admin.deleteConsumerGroupOffsets)
//   groups BOOTSTRAP GROUP...                   DeleteGroups (Admin.deleteGroups)
// Prints one JSON line: {"ok":true,"result":...} or {"ok":false,"error":...} with the error codes
// the client reports.
import { Admin } from '@platformatic/kafka';

const [command, bootstrap, ...rest] = process.argv.slice(2);
const admin = new Admin({ clientId: 'kspec-deletes', bootstrapBrokers: bootstrap.split(','), retries: 2 });

function describe(error) {
  const codes = [];
  const walk = (e, depth) => {
    if (!e || depth > 5) return;
    if (typeof e.apiCode === 'number') codes.push(e.apiCode);
    if (e.response) codes.push(JSON.stringify(e.response));
    for (const inner of e.errors ?? []) walk(inner, depth + 1);
    if (e.cause) walk(e.cause, depth + 1);
  };
  walk(error, 0);
  return { message: String(error?.message), codes };
}

try {
  let result;
  if (command === 'offsets') {
    const [groupId, topic, ...partitions] = rest;
    result = await admin.deleteConsumerGroupOffsets({
      groupId,
      topics: [{ name: topic, partitionIndexes: partitions.map(Number) }],
    });
  } else if (command === 'groups') {
    result = await admin.deleteGroups({ groups: rest });
  } else throw new Error(`unknown command ${command}`);
  console.log(JSON.stringify({ ok: true, result: result ?? null }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: describe(error) }));
} finally {
  await admin.close();
}
