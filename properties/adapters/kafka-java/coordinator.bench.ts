// `npm run bench`: lockstep events per second with Kafka 4.4's own classic group coordinator as
// the system (the kafka-coordinator adapter: a JVM behind the stdio protocol), against the
// reference cluster on the same suites, seed and run count, measured in the same run.
import type { BenchFunction, BenchResult } from '../../../bench/result.ts';
import { withRatio } from '../../../bench/result.ts';
import { runSuite } from '../../check/run-suite.ts';
import { suiteByName } from '../../suites/index.ts';
import { resolveAdapter } from '../resolve.ts';

const SUITES = ['group', 'commit'] as const;

async function lockstepRate(adapter: string, runs: number): Promise<{ perSecond: number; events: number }> {
  const system = await resolveAdapter(adapter);
  const oracle = await resolveAdapter('model');
  let events = 0;
  let seconds = 0;
  for (const name of SUITES) {
    const outcome = await runSuite({
      suite: suiteByName(name)!,
      profile: 'safe',
      seed: 1,
      numRuns: runs,
      system,
      oracle,
    });
    if (outcome.failed)
      throw new Error(`${adapter}: suite ${name} failed in the bench run; run kspec validate`);
    events += outcome.events;
    seconds += outcome.seconds;
  }
  return { perSecond: events / seconds, events };
}

export const bench: BenchFunction = async ({ quick }) => {
  const runs = quick ? 10 : 60;
  const reference = await lockstepRate(quick ? 'reference:simulated' : 'reference', runs);
  const kafka = await lockstepRate('kafka-coordinator', runs);
  const result: BenchResult = withRatio({
    name: 'checker: lockstep events/s (kafka-coordinator, group + commit suites)',
    value: kafka.perSecond,
    unit: 'events/s',
    baseline: reference.perSecond,
    note: `${kafka.events} events in ${runs} runs per suite, model in lockstep, JVM start included (only group and offset events are generated for it); baseline: the reference cluster (real segment files) on the same suites and seed (${reference.events} events)`,
  });
  return [result];
};
