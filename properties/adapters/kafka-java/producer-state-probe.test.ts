// The idempotent-producer scenario's expected answers are Kafka 4.4's: its own UnifiedLog gives
// each of them (the model and the reference log replay the same scenario in their own tests).
import test from 'ava';
import {
  expectedAnswers,
  FOLLOWER_SCENARIO,
  LEADER_SCENARIO,
} from '../../../spec/testing/producer-state-scenario.ts';
import { kafkaProducerAnswers } from './producer-state-probe.ts';

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
