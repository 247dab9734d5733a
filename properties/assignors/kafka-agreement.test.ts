import test from 'ava';
import { checkAssignorsAgainstKafka, formatDisagreement } from './kafka-agreement.ts';

// A fixed seed in CI; a longer search calls checkAssignorsAgainstKafka with a time-derived seed.
const SEED = 15;
const PROBLEMS = 10_000;

test('AS-1 AS-2 AS-3 AS-5 AS-6 AS-7 AS-10 AS-11 AS-12 AS-13 AS-14 every assignor gives exactly what Kafka 4.4 assignors give, racks included (10,000 problems)', async (t) => {
  // The first run builds the Java programs with Maven, which may download Kafka.
  t.timeout(600_000);
  const report = await checkAssignorsAgainstKafka({ seed: SEED, problems: PROBLEMS });
  t.log(
    `${report.checked} problems in ${Math.round(report.durationMs)} ms, Kafka threw on ${report.kafkaThrew}, looped on ${report.kafkaLooped}`,
  );
  if (report.counterexample) t.fail(formatDisagreement(report));
  else t.pass();
});
