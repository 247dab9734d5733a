// `npm run kafka:sequence -- SEQUENCE PROFILE [STOP]`: one ISR fault sequence
// (properties/commands/isr-fault-sequences.ts), directed, on a fresh real Kafka 4.4 cluster started
// as a matrix row starts it (replication window, the profile's settings): a committed write to
// t-0, the sequence, the final phase, and the no-loss checkers. Prints every event with its answers,
// the replicas of t before and after, and the verdict; exits 1 when a property was violated. The
// directed counterpart of the generated rows in docs/kafka-4.4-report.md ("Round 3").
//   SEQUENCE  leader-left-alone (followers stop, a write, the leader loses its disk) or
//             stale-follower-first (a follower stops, a write, the ISR stops, the stale one first)
//   PROFILE   safe, min-insync-1, unclean-election, ... (properties/profiles.ts)
//   STOP      process-crash (default) or clean-shutdown: how the first replicas stop

import { suiteConfig } from '../../check/run-suite.ts';
import type { RunCommand } from '../../commands/command.ts';
import { LeaderLeftAloneCommand, StaleFollowerFirstCommand } from '../../commands/isr-fault-sequences.ts';
import { LockstepRun } from '../../lockstep/run.ts';
import { PROFILE_NAMES } from '../../profiles.ts';
import { PRODUCER_MATRIX_SUITE } from '../../suites/matrix-suite.ts';
import { resolveAdapter } from '../resolve.ts';
import { startKafka } from './matrix-targets.ts';

const [sequence, profile = 'safe', stop = 'process-crash'] = process.argv.slice(2);
if (
  (sequence !== 'leader-left-alone' && sequence !== 'stale-follower-first') ||
  (stop !== 'process-crash' && stop !== 'clean-shutdown') ||
  !(PROFILE_NAMES as readonly string[]).includes(profile)
) {
  console.error(
    `usage: npm run kafka:sequence -- leader-left-alone|stale-follower-first PROFILE [process-crash|clean-shutdown] (profiles: ${PROFILE_NAMES.join(', ')})`,
  );
  process.exit(2);
}
const command: RunCommand =
  sequence === 'leader-left-alone'
    ? new LeaderLeftAloneCommand(stop, 0, 2, 'disk-loss')
    : new StaleFollowerFirstCommand(stop, 0, 2, 'process-crash');

const target = await startKafka(profile).catch((error: Error) => {
  console.error(`kafka:sequence: ${error.message.split('\n')[0]}`);
  process.exit(2);
});
Object.assign(process.env, target.env);
console.log(`${target.description}, ${target.adapter}`);
const system = await (await resolveAdapter(target.adapter)).create();
const run = new LockstepRun({ system, config: suiteConfig(PRODUCER_MATRIX_SUITE, profile), systemSeed: 1 });
const replicasOfT = async () =>
  JSON.stringify(
    (await system.replicas?.())
      ?.filter((p) => p.topic === 't')
      .map((p) => ({ partition: p.partition, leader: p.leader, isr: p.isr })),
  );
let violated = false;
try {
  await run.start();
  await run.step({ type: 'produce', producer: 'p9', topic: 't', partition: 0, values: ['first'], acks: -1 });
  for (let round = 0; round < 2; round++) await run.step({ type: 'replicate' });
  console.log(`before ${command}: ${await replicasOfT()}`);
  if (command.check(run.knowledge)) await command.run(run.knowledge, run);
  console.log(`after: ${await replicasOfT()}`);
  let verdict = 'no violation';
  try {
    await run.finish();
  } catch (error) {
    violated = true;
    verdict = String(error);
  }
  for (const step of run.recorder.history().steps)
    console.log(
      `${JSON.stringify(step.event)}${step.observations.length ? ` => ${JSON.stringify(step.observations)}` : ''}`,
    );
  console.log(`verdict: ${verdict}`);
  console.log(`faults applied: ${JSON.stringify(target.faults())}`);
} finally {
  await system.close();
  await target.stop();
}
process.exit(violated ? 1 : 0);
