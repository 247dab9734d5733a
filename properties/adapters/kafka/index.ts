// The kafka: adapter's entry: parses `kafka:HOST:PORT[,HOST:PORT...]` and the fault hook options.
// Options reach it through the environment, so they also reach worker processes:
//   KSPEC_FAULT_CMD   a command template 'CMD {kind} {broker}' (kspec validate --fault-cmd)
//   KSPEC_CONTROL     HOST:PORT of a kspec broker control port (kspec validate --control)
//   KSPEC_MAX_SLEEP_MS longest real sleep per advance-time (default 500)
//   KSPEC_REPLICATE_MS how long a replicate event waits (default 100)

import { parseBootstrap } from '../../client/wire/target.ts';
import { commandHook, controlPortHook, type FaultHook } from './faults.ts';
import { KafkaSystem } from './kafka-system.ts';

export function kafkaSystemFromSpec(spec: string, env: NodeJS.ProcessEnv = process.env): KafkaSystem {
  const bootstrap = parseBootstrap(spec.replace(/^kafka:/, ''));
  let faults: FaultHook | undefined;
  if (env.KSPEC_FAULT_CMD) faults = commandHook(env.KSPEC_FAULT_CMD);
  else if (env.KSPEC_CONTROL) faults = controlPortHook(env.KSPEC_CONTROL);
  const maxSleepMs = env.KSPEC_MAX_SLEEP_MS ? Number(env.KSPEC_MAX_SLEEP_MS) : undefined;
  const replicateSleepMs = env.KSPEC_REPLICATE_MS ? Number(env.KSPEC_REPLICATE_MS) : undefined;
  return new KafkaSystem({
    bootstrap,
    ...(faults ? { faults } : {}),
    ...(maxSleepMs !== undefined && Number.isFinite(maxSleepMs) ? { maxSleepMs } : {}),
    ...(replicateSleepMs !== undefined && Number.isFinite(replicateSleepMs) ? { replicateSleepMs } : {}),
  });
}

export { parseBootstrap } from '../../client/wire/target.ts';
export { KafkaSystem } from './kafka-system.ts';
