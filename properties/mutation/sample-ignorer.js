// Stryker plugins of `npm run mutation`. The ignorer (`ignorers: ['kspec-sample']`) keeps a run to
// the sampled mutants.
// `npm run mutation` gives Stryker each sampled mutant's own range as a `mutate` range, but Stryker
// mutates every node inside a range: this plugin ignores the nodes strictly inside a sampled range
// (and the subtrees under them) unless they are, or contain, a sampled mutant's node. Mutants of
// other mutators on a sampled node itself still run (an ignorer sees nodes, not mutators); the
// report counts them with the sample. The sampled mutants (sample.ts's SampledMutant: lines from 1,
// columns from 0, as Babel counts) come from the file named by KSPEC_MUTATION_SAMPLE (run.ts).
// Plain JavaScript: Stryker also loads its plugins in test-runner processes, which run without tsx.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const before = (a, b) => a.line < b.line || (a.line === b.line && a.column <= b.column);
const inside = (outer, start, end) => before(outer.start, start) && before(end, outer.end);
const same = (m, start, end) =>
  m.start.line === start.line &&
  m.start.column === start.column &&
  m.end.line === end.line &&
  m.end.column === end.column;

let sampleByFile;
function sampled(file) {
  if (!sampleByFile) {
    sampleByFile = new Map();
    const path = process.env.KSPEC_MUTATION_SAMPLE;
    const sample = path ? JSON.parse(readFileSync(path, 'utf8')) : [];
    for (const m of sample) sampleByFile.set(m.file, [...(sampleByFile.get(m.file) ?? []), m]);
  }
  return sampleByFile.get(file) ?? [];
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'kspec-sample', {
    shouldIgnore(path) {
      const loc = path.node.loc;
      const filename = path.hub?.file?.opts?.filename;
      if (!loc || !filename) return undefined;
      const mutants = sampled(relative(process.cwd(), filename).split('\\').join('/'));
      if (!mutants.some((m) => inside(m, loc.start, loc.end))) return undefined;
      if (
        mutants.some(
          (m) => same(m, loc.start, loc.end) || inside({ start: loc.start, end: loc.end }, m.start, m.end),
        )
      )
        return undefined;
      return 'not in the sample';
    },
  }),
];

// A reporter (`reporters: ['kspec-progress']`) that writes the plan (every mutant Stryker will
// test, with its place) and then each verdict as it comes to KSPEC_MUTATION_PROGRESS, so a run
// stopped early still leaves its results (`npm run mutation -- --summarize`).
const progressFile = () => process.env.KSPEC_MUTATION_PROGRESS;
const plain = (m) => ({
  id: m.id,
  file: m.fileName,
  mutator: m.mutatorName,
  replacement: m.replacement ?? '',
  location: m.location,
});

strykerPlugins.push(
  declareValuePlugin(PluginKind.Reporter, 'kspec-progress', {
    onMutationTestingPlanReady(event) {
      const file = progressFile();
      if (!file) return;
      writeFileSync(file, '');
      for (const plan of event.mutantPlans)
        appendFileSync(
          file,
          `${JSON.stringify({ plan: plain(plan.mutant), status: plan.mutant.status ?? null })}\n`,
        );
    },
    onMutantTested(result) {
      const file = progressFile();
      if (file) appendFileSync(file, `${JSON.stringify({ tested: result.id, status: result.status })}\n`);
    },
  }),
);
