// Runs minimal-trace scenarios through the kafka: adapter and prints each event with the answers
// and how long it took; late answers (a parked JoinGroup) are collected with no-op events. Shared
// by the librdkafka mock's and kfake's deviation scripts (docs/librdkafka-mock/deviations.ts,
// docs/kfake/deviations.ts). Faults go through KSPEC_FAULT_CMD or KSPEC_CONTROL, as for validate.
import { kafkaSystemFromSpec } from '../../properties/adapters/kafka/index.ts';
import { SAFE_PROFILE } from '../../properties/profiles.ts';
import { resolveConfig } from '../../spec/config.ts';
import type { Event } from '../../spec/events.ts';

export interface Scenario {
  readonly name: string;
  readonly events: Event[];
  /** After the events, wait this long for late answers. */
  readonly waitMs?: number;
}

export async function runScenarios(spec: string, scenarios: readonly Scenario[]): Promise<void> {
  for (const scenario of scenarios) {
    const system = kafkaSystemFromSpec(spec);
    await system.reset({ seed: 1, config: resolveConfig(SAFE_PROFILE) });
    console.log(`\n## ${scenario.name}`);
    const started = performance.now();
    let seq = 0;
    for (const event of scenario.events) {
      const at = performance.now();
      const answers = await system.apply(event, seq);
      console.log(`${seq} ${JSON.stringify(event)}  [${Math.round(performance.now() - at)} ms]`);
      for (const answer of answers) console.log(`    -> ${JSON.stringify(answer)}`);
      seq += 1;
    }
    if (scenario.waitMs) {
      // Late answers (a parked JoinGroup) arrive during a later event: poll with no-op events.
      const deadline = performance.now() + scenario.waitMs;
      while (performance.now() < deadline) {
        const answers = await system.apply({ type: 'replicate' }, seq);
        for (const answer of answers)
          console.log(
            `    -> (after ${Math.round(performance.now() - started)} ms) ${JSON.stringify(answer)}`,
          );
        seq += 1;
      }
    }
    await system.close();
  }
}

export function specArgument(script: string): string {
  const spec = process.argv[2];
  if (!spec?.startsWith('kafka:')) {
    console.error(`usage: ${script} kafka:HOST:PORT[,HOST:PORT...]`);
    process.exit(2);
  }
  return spec;
}
