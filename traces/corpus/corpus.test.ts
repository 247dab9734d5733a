// The regression corpus: every committed trace is valid and follows the corpus conventions, and is
// replayed against the reference cluster: scenarios must conform, no-loss flips must reproduce, and
// regressions (bugs found while building kspec, since fixed) must not come back. Scenarios made of
// data-plane events only are replayed against the data-plane model too, so a rule the two share
// cannot be fixed in one and left wrong in the other.
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { DATA_PLANE_EVENTS, dataPlaneModel } from '../../model/data-plane/data-plane-model.ts';
import { createReferenceSystem } from '../../properties/adapters/reference/index.ts';
import { checkerOracle } from '../../properties/check/checker-oracle.ts';
import { FLIPS } from '../../properties/profiles.ts';
import { readTrace, traceFileName } from '../export.ts';
import { replayTrace } from '../replay/replay.ts';
import { jsonFiles } from '../testing/json-files.ts';

const corpus = fileURLToPath(new URL('.', import.meta.url));
const FOLDERS = { scenarios: 'conforms', flips: 'reproduced', regressions: 'fixed' } as const;
type Folder = keyof typeof FOLDERS;

const files = (Object.keys(FOLDERS) as Folder[]).flatMap((folder) =>
  jsonFiles(join(corpus, folder)).map((path) => ({ folder, path })),
);

test('the corpus holds the seed scenarios', (t) => {
  const scenarios = files.filter((file) => file.folder === 'scenarios').map((file) => basename(file.path));
  for (const name of [
    'two-consumers-five-partitions-range.json',
    'two-consumers-five-partitions-roundrobin.json',
    'stale-generation-commit-rejected.json',
    'new-group-auto-offset-reset-earliest.json',
    'new-group-auto-offset-reset-latest.json',
    'new-group-auto-offset-reset-none.json',
  ])
    t.true(scenarios.includes(name), name);
});

test('every unsafe flip of the no-loss matrix has its counterexample in flips/<flip>/', (t) => {
  const covered = new Set(
    files.filter((file) => file.folder === 'flips').map((file) => basename(dirname(file.path))),
  );
  t.deepEqual(
    FLIPS.map((flip) => flip.name).filter((name) => !covered.has(name)),
    [],
    'regenerate with properties/check/generate-flips.ts',
  );
});

for (const { folder, path } of files) {
  const name = relative(corpus, path);
  test(`corpus ${name} is a valid trace following the ${folder} conventions`, (t) => {
    const trace = readTrace(path);
    t.is(basename(path), traceFileName(trace), 'named as writeTrace names it');
    t.true(trace.note.trim().length > 10, 'the note says what it shows or caught');
    if (trace.kind === 'scenario') {
      t.not(folder, 'flips', 'a flip is a counterexample');
      t.true(
        trace.steps.some((step) => (step.expected ?? []).length > 0),
        'a scenario states expected answers',
      );
    } else {
      t.not(folder, 'scenarios', 'scenarios/ holds hand-written scenarios');
      t.truthy(trace.violation);
    }
    if (folder === 'flips') t.regex(trace.note, /^no-loss flip /, 'a flip names its setting in the note');
  });
}

for (const { folder, path } of files) {
  const name = relative(corpus, path);
  // One reference cluster at a time: each replay starts brokers, and the machine is shared.
  test.serial(`corpus ${name} replays against the reference cluster: ${FOLDERS[folder]}`, async (t) => {
    const trace = readTrace(path);
    const system = createReferenceSystem();
    // Counterexamples are judged by kspec's checkers (the rule must be found broken again); a
    // scenario by its expectations.
    const oracle = trace.kind === 'scenario' ? undefined : await checkerOracle();
    try {
      const result = await replayTrace(trace, system, oracle ? { oracle } : {});
      if (trace.kind === 'scenario') t.is(result.verdict, 'conforms', result.summary);
      else if (folder === 'flips') t.is(result.verdict, 'reproduced', result.summary);
      else t.not(result.verdict, 'reproduced', `regression came back: ${result.summary}`);
    } finally {
      await system.close();
    }
  });
}

const dataPlaneEvents = new Set<string>(DATA_PLANE_EVENTS);
for (const { path } of files) {
  const name = relative(corpus, path);
  const trace = readTrace(path);
  if (trace.kind !== 'scenario' || !trace.steps.every((step) => dataPlaneEvents.has(step.event.type)))
    continue;
  test(`corpus ${name} replays against the data-plane model: conforms`, async (t) => {
    const system = dataPlaneModel();
    try {
      const result = await replayTrace(trace, system);
      t.is(result.verdict, 'conforms', result.summary);
    } finally {
      await system.close();
    }
  });
}
