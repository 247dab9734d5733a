// `npm run kafka:lockstep -- HOST:PORT [--runs N] [--seed S]`: the deterministic group lockstep
// (lockstep-run.ts) against a running cluster, one line per suite, and for a disagreement the shrunk
// events with both answers.
import { lockstepBrokerSettings, runGroupLockstep } from './lockstep-run.ts';

async function main(argv: readonly string[]): Promise<void> {
  const bootstrap = argv[0];
  const flag = (name: string, fallback: number) => {
    const at = argv.indexOf(name);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  if (!bootstrap || bootstrap.startsWith('-')) {
    process.stderr.write('usage: npm run kafka:lockstep -- HOST:PORT [--runs N] [--seed S]\n');
    process.exitCode = 2;
    return;
  }
  const seed = flag('--seed', 1);
  const runs = flag('--runs', 20);
  process.stdout.write(
    `group lockstep against ${bootstrap}, seed ${seed}, ${runs} runs per suite; the cluster needs ${JSON.stringify(lockstepBrokerSettings())}\n`,
  );
  let failed = false;
  for (const result of await runGroupLockstep({ bootstrap, seed, runs })) {
    const { outcome } = result;
    const answers = [...outcome.tally.rows.entries()]
      .filter(([key]) => key.startsWith('answer:'))
      .map(([key, row]) => `${key.slice(7)} ${row.checked}`)
      .join(', ');
    process.stdout.write(
      `${result.suite}: ${outcome.failed ? 'DISAGREES' : 'agrees'}; ${outcome.runsDone} runs, ${outcome.events} events, ${result.compared} compared, ${outcome.seconds.toFixed(1)} s; answers: ${answers}\n`,
    );
    if (outcome.failed) {
      failed = true;
      process.stdout.write(`  ${outcome.commands}\n`);
      for (const finding of outcome.findings ?? [])
        process.stdout.write(`  ${finding.property}: ${finding.message}\n`);
      if (outcome.crash) process.stdout.write(`  crash: ${outcome.crash}\n`);
      for (const step of outcome.history?.steps ?? [])
        process.stdout.write(`    ${JSON.stringify(step.event)} => ${JSON.stringify(step.observations)}\n`);
    }
  }
  if (failed) process.exitCode = 1;
}

await main(process.argv.slice(2));
