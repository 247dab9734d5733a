// `--oracle model-data` in lockstep with the reference cluster over generated runs of the
// replication suite: every answer, every open choice and every snapshot agree.
//
// One open choice shows in answers: the order followers fetch in within a `replicate` round
// decides whether a returning follower rejoins the ISR before another follower's fetch moves the
// HW, and so which acks=all produces that round completes. The model lists every answer list the
// round may give (DataPlaneModel.alternatives); until the lockstep runner takes them, this test
// hands the oracle's answer list that matches the system's to the runner, when there is one.
import test from 'ava';
import type { DataPlaneModel } from '../../model/contract/data-plane-model.ts';
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { LockstepOracle } from '../../spec/oracle.ts';
import type { SystemUnderTest } from '../../spec/sut.ts';
import { runSuite } from '../check/run-suite.ts';
import { normalize } from '../lockstep/compare.ts';
import { suiteByName } from '../suites/index.ts';
import { resolveAdapter } from './resolve.ts';

function pairedWithAlternatives(system: SystemUnderTest, model: DataPlaneModel) {
  let last: { seq: number; answers: Observation[] } | undefined;
  const recording: SystemUnderTest = {
    capabilities: () => system.capabilities(),
    reset: (setup) => system.reset(setup),
    inspect: () => system.inspect!(),
    close: () => system.close(),
    async apply(event: Event, seq: number) {
      const answers = await system.apply(event, seq);
      last = { seq, answers };
      return answers;
    },
  };
  const observed = (answers: readonly Observation[]) =>
    JSON.stringify(normalize(answers.filter((o) => model.observes.includes(o.type as never))));
  const oracle: LockstepOracle = {
    unaffectedBy: model.unaffectedBy,
    observes: model.observes,
    capabilities: () => model.capabilities(),
    reset: (setup) => model.reset(setup),
    inspect: () => model.inspect(),
    close: () => model.close(),
    adopt: (state) => model.adopt(state),
    async apply(event: Event, seq: number) {
      const answers = await model.apply(event, seq);
      const system = last?.seq === seq ? observed(last.answers) : undefined;
      const matching = model.alternatives()?.find((alternative) => observed(alternative) === system);
      return matching ?? answers;
    },
  };
  return { system: recording, oracle };
}

test('RP-2 RP-5 RP-12: the reference cluster and the data-plane model agree on every event of the replication suite', async (t) => {
  const reference = await resolveAdapter('reference:simulated');
  const data = await resolveAdapter('model-data');
  const pair = pairedWithAlternatives(await reference.create(), (await data.create()) as DataPlaneModel);
  const outcome = await runSuite({
    suite: suiteByName('replication')!,
    profile: 'safe',
    seed: 1,
    numRuns: 100,
    system: { name: 'reference', create: async () => pair.system },
    oracle: { name: 'model-data', create: async () => pair.oracle },
  });
  t.false(
    outcome.failed,
    `${outcome.commands} ${outcome.findings?.map((f) => f.message).join('; ')} ${outcome.crash ?? ''}`,
  );
  const compared = outcome.tally.rows.get('lockstep-observation');
  t.is(compared?.checked, outcome.events, 'every event was compared');
  t.is(outcome.tally.rows.get('lockstep-choice')?.violations, 0);
  t.log(`${outcome.runsDone} runs, ${outcome.events} events, ${outcome.seconds.toFixed(1)} s`);
});
