// `npm run kafka:oracle [-- --deep] [-- --seed N] [-- --problems N] [-- --runs N]`: the long run of
// Kafka 4.4's own code as oracle, beyond what CI runs (CI: 10,000 assignment problems and a few
// hundred lockstep events). Two parts, each with its seed printed first so a failure can be re-run:
//   1. random assignment problems, kspec's assignors against Kafka's (properties/assignors);
//   2. the group and commit suites against Kafka's classic group coordinator in lockstep with the
//      model (`kspec check --adapter kafka-coordinator`).
// Exit 0 when both agree everywhere, 1 on a disagreement, 2 on a setup error (no Java or Maven).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkAssignorsAgainstKafka, formatDisagreement } from '../../assignors/kafka-agreement.ts';
import { KafkaJavaError } from './jar.ts';

const KSPEC = fileURLToPath(new URL('../../../bin/kspec.js', import.meta.url));

const { values } = parseArgs({
  options: {
    deep: { type: 'boolean', default: false },
    seed: { type: 'string' },
    problems: { type: 'string' },
    runs: { type: 'string' },
  },
});

function count(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    console.error(`--${name} must be a positive integer, got '${text}'`);
    process.exit(2);
  }
  return value;
}

// Deep runs take a fresh seed each time (printed); the default run is the same every time.
const seed = count(values.seed, values.deep ? Date.now() % 2 ** 31 : 1, 'seed');
const problems = count(values.problems, values.deep ? 1_000_000 : 100_000, 'problems');
const runs = count(values.runs, values.deep ? 20_000 : 3_500, 'runs');

function lockstep(): Promise<number> {
  const args = ['check', '--adapter', 'kafka-coordinator', '--oracle', 'model'];
  args.push('--suite', 'group', '--suite', 'commit', '--runs', String(runs), '--seed', String(seed));
  console.log(`kafka-oracle: lockstep, node bin/kspec.js ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [KSPEC, ...args], { stdio: 'inherit' });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

try {
  console.log(`kafka-oracle: assignors, seed ${seed}, ${problems.toLocaleString('en-US')} problems`);
  const report = await checkAssignorsAgainstKafka({ seed, problems });
  if (report.counterexample) {
    console.log(formatDisagreement(report));
    process.exit(1);
  }
  const seconds = (report.durationMs / 1000).toFixed(1);
  console.log(
    `kafka-oracle: assignors agree with Kafka 4.4 on ${report.checked} problems in ${seconds} s (Kafka threw on ${report.kafkaThrew} and looped forever on ${report.kafkaLooped}, the model on the same)`,
  );
  process.exit(await lockstep());
} catch (error) {
  console.error(error instanceof KafkaJavaError ? error.message : String(error));
  process.exit(2);
}
