// `npm run kafka:validate`: the no-loss matrix over the wire, row by row, on a real Apache Kafka 4.4
// cluster (`--target kafka`, the default) or on `kspec broker` (`--target kspec-broker`), each row
// on a fresh cluster. Writes the rows as JSON (the data of docs/kafka-4.4-report.md) and prints
// the table. Options: --target, --rows a,b,c, --runs N (safe row, per suite), --flip-runs N (most
// per flip row), --shrink-runs N, --seed N, --out FILE, --traces DIR, --max-sleep-ms N (longest
// real sleep of a time step; default just past the session timeout, 500 ms for the consumer-side row).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { MATRIX_ROWS, type RowResult, runRow } from './matrix-row.ts';
import type { TargetKind } from './matrix-targets.ts';

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: 'kafka' },
    rows: { type: 'string', default: MATRIX_ROWS.join(',') },
    runs: { type: 'string', default: '10' },
    'flip-runs': { type: 'string', default: '15' },
    'shrink-runs': { type: 'string', default: '12' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    traces: { type: 'string', default: 'docs/kafka-4.4/traces' },
    'max-sleep-ms': { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(`kafka:validate: ${message}`);
  process.exit(2);
}

const target = values.target as TargetKind;
if (target !== 'kafka' && target !== 'kspec-broker') fail(`--target must be kafka or kspec-broker`);
const rows = values.rows.split(',').filter(Boolean);
for (const row of rows)
  if (!MATRIX_ROWS.includes(row)) fail(`unknown row '${row}' (rows: ${MATRIX_ROWS.join(', ')})`);
const count = (name: 'runs' | 'flip-runs' | 'shrink-runs' | 'seed' | 'max-sleep-ms') => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < (name === 'seed' ? 0 : 1)) fail(`--${name} must be a positive integer`);
  return n;
};
const out = values.out ?? `docs/kafka-4.4/matrix-${target}.json`;

const results: RowResult[] = [];
const started = performance.now();
for (const profile of rows) {
  const result = await runRow({
    target,
    profile,
    seed: count('seed'),
    runs: profile === 'safe' ? count('runs') : count('flip-runs'),
    maxShrinkRuns: count('shrink-runs'),
    tracesDirectory: `${values.traces}/${target}`,
    ...(values['max-sleep-ms'] !== undefined ? { maxSleepMs: count('max-sleep-ms') } : {}),
    log: (line) => console.error(line),
  });
  results.push(result);
  const verdict =
    profile === 'safe'
      ? result.caught
        ? `VIOLATED (${result.findings.map((f) => f.property).join(', ')})`
        : 'no violation'
      : result.caught
        ? `caught by ${result.findings.map((f) => f.property).join(', ')} (${result.findings[0]?.events} events)`
        : 'not caught';
  console.log(
    `${profile.padEnd(26)} ${verdict}; ${result.runs} runs, ${result.seconds.toFixed(0)} s${result.error ? `; error: ${result.error}` : ''}`,
  );
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ target, seed: count('seed'), seconds: (performance.now() - started) / 1000, rows: results }, null, 2)}\n`,
  );
}
console.log(`rows written to ${out}`);
const setupFailure = results.find((r) => r.error && r.runs === 0);
if (setupFailure && results.every((r) => r.runs === 0)) {
  console.error(`kafka:validate: ${setupFailure.error}`);
  process.exit(2);
}
// The safe row must hold; flips that were not caught are reported, not failed (real time).
process.exitCode = results.some((r) => r.profile === 'safe' && (r.caught || r.error)) ? 1 : 0;
