// Runs an idempotent-producer scenario (spec/testing/producer-state-scenario.ts) through Kafka
// 4.4's own UnifiedLog (kspec.producer.ProducerStateProbe) and returns its answer to each step, so
// the scenario's expected answers stay Kafka's (SPEC.md IP-1..IP-6).
import type { ProducerAnswer, ProducerStep } from '../../../spec/testing/producer-state-scenario.ts';
import { KafkaJavaError } from './jar.ts';
import { runJsonLines } from './json-lines.ts';

const MAIN_CLASS = 'kspec.producer.ProducerStateProbe';

export interface ProbeAnswer {
  readonly first?: number;
  readonly last?: number;
  readonly error?: string;
  readonly ok?: boolean;
  readonly failed?: string;
  /** kafka-snapshot: the latest snapshot file's name and bytes. */
  readonly name?: string;
  readonly base64?: string;
  /** read-snapshot: Kafka's reading of the given snapshot bytes. */
  readonly entries?: readonly Record<string, number>[];
}

/** Besides the scenario's steps: Kafka's latest snapshot file, and Kafka reading snapshot bytes. */
export type ProbeStep =
  | ProducerStep
  | { readonly kind: 'kafka-snapshot' }
  | { readonly kind: 'read-snapshot'; readonly base64: string };

export async function runProducerProbe(steps: readonly ProbeStep[]): Promise<ProbeAnswer[]> {
  return runJsonLines<ProbeAnswer>(MAIN_CLASS, steps);
}

export async function kafkaProducerAnswers(steps: readonly ProducerStep[]): Promise<ProducerAnswer[]> {
  const answers = await runProducerProbe(steps);
  return answers.map((answer): ProducerAnswer => {
    if (answer.failed) throw new KafkaJavaError(`${MAIN_CLASS}: ${answer.failed}`);
    if (answer.error) return answer.error;
    if (answer.first !== undefined && answer.last !== undefined) return [answer.first, answer.last];
    return 'ok';
  });
}
