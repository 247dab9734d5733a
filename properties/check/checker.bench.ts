// Checker figures for `npm run bench`: lockstep events per second through the runner (reference
// cluster and the model together, as `kspec check` runs them: answers compared, snapshots,
// invariants, history checkers), against applying the same events to
// the system directly; and the time the no-loss matrix takes to catch each unsafe flip (with the
// model in lockstep and the run budget of `kspec check`, quick mode: 300).
import type { BenchFunction, BenchResult } from '../../bench/result.ts';
import { withRatio } from '../../bench/result.ts';
import { resolveAdapter } from '../adapters/resolve.ts';
import { FLIPS } from '../profiles.ts';
import { suiteByName } from '../suites/index.ts';
import { CONSUMER_MATRIX_SUITE, PRODUCER_MATRIX_SUITE } from '../suites/matrix-suite.ts';
import { runSuite } from './run-suite.ts';

async function lockstepThroughput(adapter: string, runs: number): Promise<BenchResult> {
  const factory = await resolveAdapter(adapter);
  const started = performance.now();
  const outcome = await runSuite({
    suite: suiteByName('end-to-end')!,
    profile: 'safe',
    seed: 1,
    numRuns: runs,
    system: factory,
    oracle: await resolveAdapter('model'),
  });
  const checkedSeconds = (performance.now() - started) / 1000;
  const events = outcome.events;
  return {
    name: `checker: lockstep events/s (${adapter}, end-to-end suite)`,
    value: events / checkedSeconds,
    unit: 'events/s',
    note: `${events} events in ${runs} runs, ${outcome.tally.rows.get('lockstep-observation')?.checked ?? 0} compared with the model; snapshots + invariants + history checkers`,
  };
}

async function rawThroughput(adapter: string, runs: number): Promise<{ perSecond: number; events: number }> {
  const factory = await resolveAdapter(adapter);
  const { LockstepRun } = await import('../lockstep/run.ts');
  const { suiteConfig } = await import('./run-suite.ts');
  const fc = (await import('fast-check')).default;
  const { commandsOf } = await import('../suites/suite.ts');
  const suite = suiteByName('end-to-end')!;
  const samples = fc.sample(
    fc.commands(commandsOf(suite), { maxCommands: suite.maxCommands, size: 'large' }),
    { seed: 1, numRuns: runs },
  );
  // Record the event streams through the runner, then time only the bare apply loop.
  const streams: import('../../spec/events.ts').Event[][] = [];
  const config = suiteConfig(suite, 'safe');
  for (const cmds of samples) {
    const run = new LockstepRun({ system: await factory.create(), config, systemSeed: 1 });
    await run.start();
    try {
      await fc.asyncModelRun(() => ({ model: run.knowledge, real: run }), cmds);
      await run.finish();
    } catch {
      // a violation still leaves a usable event stream
    }
    streams.push(run.recorder.history().steps.map((step) => step.event));
    await run.options.system.close();
  }
  const system = await factory.create();
  let events = 0;
  const started = performance.now();
  for (const stream of streams) {
    await system.reset({ seed: 1, config });
    for (const [seq, event] of stream.entries()) await system.apply(event, seq);
    events += stream.length;
  }
  const seconds = (performance.now() - started) / 1000;
  await system.close();
  return { perSecond: events / seconds, events };
}

export const bench: BenchFunction = async ({ quick }) => {
  const results: BenchResult[] = [];
  const adapter = quick ? 'reference:simulated' : 'reference';
  // Enough runs that start-up (module loading, JIT warm-up) does not dominate the rate.
  const runs = 40;
  const checked = await lockstepThroughput(adapter, runs);
  const raw = await rawThroughput(adapter, runs);
  results.push(
    withRatio({
      ...checked,
      baseline: raw.perSecond,
      note: `${checked.note}; baseline: the same kind of events applied bare`,
    }),
  );
  const factory = await resolveAdapter(adapter);
  for (const flip of FLIPS) {
    const suite = flip.side === 'consumer' ? CONSUMER_MATRIX_SUITE : PRODUCER_MATRIX_SUITE;
    const outcome = await runSuite({
      suite,
      profile: flip.name,
      seed: 1,
      numRuns: quick ? 300 : 1000,
      system: factory,
      oracle: await resolveAdapter('model'),
    });
    results.push({
      name: `checker: time to catch ${flip.setting}=${flip.unsafeValue} (${adapter})`,
      value: outcome.seconds,
      unit: 's',
      note: outcome.failed
        ? `caught after ${outcome.runsDone} runs, shrunk trace ${outcome.history?.steps.length ?? '?'} events (${(outcome.findings ?? [])[0]?.property})`
        : `NOT caught in ${outcome.runsDone} runs`,
    });
  }
  return results;
};
