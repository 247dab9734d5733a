// The property behind issue 15: kspec's assignors (model/assignors) give exactly the answer Kafka
// 4.4's own assignors give, problem by problem, and throw where Kafka throws. Problems are drawn
// from one seed, sent to Kafka in batches (one JVM), compared, and the first disagreement is
// shrunk one problem at a time to a small counterexample: the problem as JSON with both answers.
import fc from 'fast-check';
import {
  type AssignmentPlan,
  assign,
  compareTopicPartitions,
  KafkaAssignorException,
  KafkaAssignorLivelock,
} from '../../model/assignors/index.ts';
import {
  type AssignmentProblem,
  type KafkaAssignorAnswer,
  KafkaAssignorOracle,
} from '../adapters/kafka-java/assignor-oracle.ts';
import { assignmentProblems } from './problems.ts';

export interface AgreementOptions {
  readonly seed: number;
  readonly problems: number;
  /** A running oracle to reuse; otherwise one is started and closed. */
  readonly oracle?: KafkaAssignorOracle;
}

export interface Disagreement {
  readonly problem: AssignmentProblem;
  readonly kafka: KafkaAssignorAnswer;
  readonly model: KafkaAssignorAnswer | { readonly modelError: string };
}

export interface AgreementReport {
  readonly seed: number;
  readonly checked: number;
  /** Problems where Kafka's assignor threw (the model must throw too). */
  readonly kafkaThrew: number;
  /** Problems where Kafka's assignor never answered (the model must find the livelock, AS-14). */
  readonly kafkaLooped: number;
  readonly durationMs: number;
  /** The first disagreement, shrunk. */
  readonly counterexample?: Disagreement;
}

const BATCH = 2_000;

function sortedPlan(plan: AssignmentPlan, problem: AssignmentProblem): string {
  const members = [...new Set([...problem.input.members.map((m) => m.memberId), ...Object.keys(plan)])];
  return JSON.stringify(members.map((id) => [id, [...(plan[id] ?? [])].sort(compareTopicPartitions)]));
}

/** The model's answer in the oracle's shape; a model failure other than a Kafka exception is reported as such. */
export function modelAnswer(problem: AssignmentProblem): Disagreement['model'] {
  try {
    return { plan: assign(problem.strategy, problem.input) };
  } catch (error) {
    if (error instanceof KafkaAssignorException) return { thrown: error.message };
    if (error instanceof KafkaAssignorLivelock) return { livelock: error.message };
    return { modelError: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/**
 * Whether the model's answer is Kafka's: the same partitions per member (order aside), both threw,
 * or both loop forever (AS-14).
 */
export function agrees(
  problem: AssignmentProblem,
  kafka: KafkaAssignorAnswer,
  model: Disagreement['model'],
): boolean {
  if ('thrown' in kafka) return 'thrown' in model;
  if ('livelock' in kafka) return 'livelock' in model;
  return 'plan' in model && sortedPlan(kafka.plan, problem) === sortedPlan(model.plan, problem);
}

async function shrink(oracle: KafkaAssignorOracle, seed: number, index: number): Promise<Disagreement> {
  let smallest: Disagreement | undefined;
  await fc.check(
    fc.asyncProperty(assignmentProblems, async (problem) => {
      const kafka = await oracle.assign(problem);
      const model = modelAnswer(problem);
      if (agrees(problem, kafka, model)) return true;
      smallest = { problem, kafka, model };
      return false;
    }),
    { seed, path: String(index), numRuns: 1, maxSkipsPerRun: 0 },
  );
  if (!smallest) throw new Error(`problem ${index} of seed ${seed} disagreed but agrees when replayed`);
  return smallest;
}

/**
 * Compares the model with Kafka on `problems` random problems drawn from `seed`. Same seed, same
 * problems: a failure replays with the seed and count it prints.
 */
export async function checkAssignorsAgainstKafka(options: AgreementOptions): Promise<AgreementReport> {
  const started = performance.now();
  const oracle = options.oracle ?? (await KafkaAssignorOracle.start());
  try {
    const problems = fc.sample(assignmentProblems, { seed: options.seed, numRuns: options.problems });
    let kafkaThrew = 0;
    let kafkaLooped = 0;
    for (let start = 0; start < problems.length; start += BATCH) {
      const batch = problems.slice(start, start + BATCH);
      const answers = await oracle.assignAll(batch);
      for (let offset = 0; offset < batch.length; offset++) {
        const problem = batch[offset]!;
        const kafka = answers[offset]!;
        if ('thrown' in kafka) kafkaThrew++;
        if ('livelock' in kafka) kafkaLooped++;
        if (agrees(problem, kafka, modelAnswer(problem))) continue;
        const counterexample = await shrink(oracle, options.seed, start + offset);
        return {
          seed: options.seed,
          checked: start + offset + 1,
          kafkaThrew,
          kafkaLooped,
          durationMs: performance.now() - started,
          counterexample,
        };
      }
    }
    return {
      seed: options.seed,
      checked: problems.length,
      kafkaThrew,
      kafkaLooped,
      durationMs: performance.now() - started,
    };
  } finally {
    if (!options.oracle) await oracle.close();
  }
}

/** A disagreement as the lines a person reads: the problem as JSON, then both answers. */
export function formatDisagreement(report: AgreementReport): string {
  const found = report.counterexample;
  if (!found) return `seed ${report.seed}: ${report.checked} problems, model = Kafka`;
  return [
    `seed ${report.seed}: the model disagrees with Kafka 4.4 on problem ${report.checked} (shrunk):`,
    `problem: ${JSON.stringify({ strategy: found.problem.strategy, ...found.problem.input })}`,
    `kafka:   ${JSON.stringify(found.kafka)}`,
    `model:   ${JSON.stringify(found.model)}`,
  ].join('\n');
}
