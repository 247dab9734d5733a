// Scale curve (issue 22 part 5): how lockstep time grows with the length of a run. The end-to-end
// suite against the reference with the model in lockstep (as `kspec check` runs it: answers compared,
// snapshots, invariants, history checkers), with its command bound raised so that runs average about
// 100, 1,000 and 10,000 events (--quick: 30, 100, 300), and about as many events in total at each
// length. Time per event staying flat means the checks grow linearly with the run; rising means some
// check rescans the history.
import { resolveAdapter } from '../../properties/adapters/resolve.ts';
import { runSuite } from '../../properties/check/run-suite.ts';
import { suiteByName } from '../../properties/suites/index.ts';
import type { BenchFunction, BenchResult } from '../result.ts';

/** A suite's maxCommands gives about 0.75 events per command (measured on end-to-end, seed 1). */
const EVENTS_PER_COMMAND = 0.75;

export const bench: BenchFunction = async ({ quick }) => {
  const adapter = quick ? 'reference:simulated' : 'reference';
  const suite = suiteByName('end-to-end')!;
  const lengths = quick ? [30, 100, 300] : [100, 1_000, 10_000];
  const totalEvents = quick ? 600 : 20_000;
  const results: BenchResult[] = [];
  // Warm up (module loading, JIT) on a few short runs first, so the first point does not carry it.
  await runSuite({
    suite,
    profile: 'safe',
    seed: 2,
    numRuns: quick ? 2 : 20,
    system: await resolveAdapter(adapter),
    oracle: await resolveAdapter('model'),
    maxShrinkRuns: 0,
  });
  for (const length of lengths) {
    const runs = Math.max(1, Math.round(totalEvents / length));
    const cpu = process.cpuUsage();
    const outcome = await runSuite({
      suite: { ...suite, maxCommands: Math.round(length / EVENTS_PER_COMMAND) },
      profile: 'safe',
      seed: 1,
      numRuns: runs,
      system: await resolveAdapter(adapter),
      oracle: await resolveAdapter('model'),
      // A failing run is not shrunk: shrinking would be timed as if it were checking.
      maxShrinkRuns: 0,
      // fast-check's 'large' size caps a run at 1,000 commands whatever maxCommands says.
      size: 'xlarge',
    });
    const used = process.cpuUsage(cpu);
    const perRun = outcome.events / Math.max(1, outcome.runsDone);
    // CPU time per event: on a shared machine wall time says more about the other jobs.
    const cpuSeconds = (used.user + used.system) / 1e6;
    results.push({
      name: `scale: lockstep, runs of about ${length.toLocaleString('en-US')} events, CPU per event`,
      value: (cpuSeconds / Math.max(1, outcome.events)) * 1e6,
      unit: 'CPU us/event',
      note: `${adapter} + model, end-to-end suite: ${outcome.events} events in ${outcome.runsDone} runs (mean ${Math.round(perRun)} per run), ${outcome.seconds.toFixed(1)} s wall (${Math.round((outcome.seconds / Math.max(1, outcome.events)) * 1e6)} us/event), CPU ${cpuSeconds.toFixed(1)} s${outcome.failed ? `; a run FAILED (${outcome.findings?.[0]?.property ?? outcome.crash ?? 'see kspec check'}), so fewer runs than planned` : ''}`,
      curve: { chart: 'lockstep time vs run length', series: adapter, xLabel: 'events per run', x: perRun },
    });
  }
  return results;
};
