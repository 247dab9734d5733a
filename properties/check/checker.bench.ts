// Checker figures for `npm run bench`: lockstep events per second through the runner (reference
// cluster and the model together, as `kspec check` runs them: answers compared, snapshots,
// invariants, history checkers), against applying the same events to
// the system directly (issue 22's target: 20,000 events/s); the same runs with real storage on
// tmpfs against the OS temp dir; and the time the no-loss matrix takes to catch each unsafe flip (with the
// model in lockstep and the run budget of `kspec check`, quick mode: 300).
import { tmpdir } from 'node:os';
import type { BenchFunction, BenchResult } from '../../bench/result.ts';
import { withRatio } from '../../bench/result.ts';
import { createReferenceSystem, defaultTemporaryParent } from '../adapters/reference/index.ts';
import { resolveAdapter } from '../adapters/resolve.ts';
import { FLIPS } from '../profiles.ts';
import { suiteByName } from '../suites/index.ts';
import { CONSUMER_MATRIX_SUITE, PRODUCER_MATRIX_SUITE } from '../suites/matrix-suite.ts';
import { runSuite, type SystemFactory } from './run-suite.ts';

/** Issue 22's target for the lockstep row, in events per second of wall time. */
const LOCKSTEP_TARGET = 20_000;

async function lockstepThroughput(
  adapter: string,
  runs: number,
  factory?: SystemFactory,
): Promise<BenchResult & { cpuPerSecond: number }> {
  const system = factory ?? (await resolveAdapter(adapter));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const outcome = await runSuite({
    suite: suiteByName('end-to-end')!,
    profile: 'safe',
    seed: 1,
    numRuns: runs,
    system,
    oracle: await resolveAdapter('model'),
  });
  const checkedSeconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const events = outcome.events;
  return {
    name: `checker: lockstep events/s (${adapter}, end-to-end suite)`,
    value: events / checkedSeconds,
    unit: 'events/s',
    // Wall time depends on what else the machine runs; events per CPU second much less so.
    cpuPerSecond: events / ((used.user + used.system) / 1e6),
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
  // A first pass warms the JIT up, so the figures compare steady states (the bare pass runs second).
  await lockstepThroughput(adapter, 10);
  const { cpuPerSecond, ...checked } = await lockstepThroughput(adapter, runs);
  const raw = await rawThroughput(adapter, runs);
  const met = checked.value >= LOCKSTEP_TARGET ? 'met' : 'not met';
  results.push(
    withRatio({
      ...checked,
      baseline: raw.perSecond,
      note: `${checked.note}; ${Math.round(cpuPerSecond)} events per CPU second; baseline: the same kind of events applied bare; target >= ${LOCKSTEP_TARGET.toLocaleString('en-US')} events/s (issue 22): ${met}`,
    }),
  );
  if (!quick) {
    // Real storage's temporary directory: tmpfs (the default where there is one) against the OS
    // temp dir on disk, where every file created, renamed and deleted waits for the journal.
    const disk = await lockstepThroughput(adapter, runs, {
      name: 'reference',
      create: async () => createReferenceSystem({ temporaryParent: tmpdir() }),
    });
    results.push(
      withRatio({
        name: `checker: lockstep events/s, real storage in ${defaultTemporaryParent()} against ${tmpdir()}`,
        value: checked.value,
        unit: 'events/s',
        baseline: disk.value,
        note: `the row above against the same runs with segment files in the OS temp dir (${Math.round(disk.cpuPerSecond)} events per CPU second there)`,
      }),
    );
  }
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
