// Kafka 4.4's own classic group coordinator (kspec.coordinator.CoordinatorAdapter, built by jar.ts)
// as a system under test: the group and commit suites in lockstep with the model, every corpus trace
// replayed against it beside the group model, and bad input to the adapter process.
import { spawn } from 'node:child_process';
import { relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { GROUP_MODEL_OBSERVES, GroupModelSystem } from '../../../model/group/group-model-system.ts';
import { validateConfig } from '../../../spec/config.ts';
import type { Observation } from '../../../spec/observations.ts';
import { readTrace } from '../../../traces/export.ts';
import { matchesExpected } from '../../../traces/replay/compare.ts';
import { systemSeedOf } from '../../../traces/replay/replay.ts';
import { jsonFiles } from '../../../traces/testing/json-files.ts';
import { runSuite } from '../../check/run-suite.ts';
import { compareObservations } from '../../lockstep/compare.ts';
import { suiteByName } from '../../suites/index.ts';
import { resolveAdapter } from '../resolve.ts';
import { ensureKafkaJava } from './jar.ts';

const BUILD_TIMEOUT = 600_000; // a first build resolves Kafka from Maven Central

for (const name of ['group', 'commit']) {
  test.serial(
    `${name}: Kafka 4.4's coordinator answers as the model does, every answer compared`,
    async (t) => {
      t.timeout(BUILD_TIMEOUT);
      const outcome = await runSuite({
        suite: suiteByName(name)!,
        profile: 'safe',
        seed: 44,
        numRuns: 25,
        system: await resolveAdapter('kafka-coordinator'),
        oracle: await resolveAdapter('model'),
      });
      t.false(outcome.failed, `${outcome.findings?.[0]?.message ?? outcome.crash}\n${outcome.commands}`);
      const compared = outcome.tally.rows.get('lockstep-observation')?.checked ?? 0;
      // Events the coordinator cannot perform are not generated against it, so every event is compared.
      t.true(outcome.events >= 200, `only ${outcome.events} events`);
      t.is(compared, outcome.events);
      const answers = (type: Observation['type']) => outcome.tally.rows.get(`answer:${type}`)?.checked ?? 0;
      for (const type of ['join-response', 'sync-response', 'commit-response'] as const)
        t.true(answers(type) > 10, `${type}: ${answers(type)} compared`);
      if (name === 'group')
        for (const type of ['heartbeat-response', 'leave-response', 'describe-response'] as const)
          t.true(answers(type) > 0, `${type}: ${answers(type)} compared`);
      else t.true(answers('offset-fetch-response') > 0);
    },
  );
}

const corpus = fileURLToPath(new URL('../../../traces/corpus/', import.meta.url));

const groupAnswer = (o: { type: string }) => (GROUP_MODEL_OBSERVES as readonly string[]).includes(o.type);

test.serial(
  'every corpus trace replays against Kafka 4.4 coordinator: group answers as the group model gives them',
  async (t) => {
    t.timeout(BUILD_TIMEOUT);
    const factory = await resolveAdapter('kafka-coordinator');
    const kafka = await factory.create();
    let compared = 0;
    let expectationsMet = 0;
    try {
      for (const path of jsonFiles(corpus)) {
        const name = relative(corpus, path);
        const trace = readTrace(path);
        const setup = { seed: systemSeedOf(trace), config: validateConfig(trace.config) };
        const model = new GroupModelSystem();
        await kafka.reset(setup);
        await model.reset(setup);
        const seen: Observation[] = [];
        // Expectations hold until the first event Kafka's coordinator cannot perform (a produce, a
        // poll, a broker failure): from there the trace's own answers assume what did not happen.
        let performedAll = true;
        // The group model has one coordinator that never moves: from the first event it cannot
        // perform (a broker failure Kafka's coordinator now performs) it has nothing to compare,
        // and only the trace's own expectations judge Kafka's answers.
        let modelFollows = true;
        for (const step of trace.steps) {
          const actual = await kafka.apply(step.event, step.seq);
          if (actual.some((o) => o.type === 'unsupported' && o.request === step.seq)) {
            performedAll = false;
            continue; // neither side performs it, as in a lockstep run
          }
          const expected = modelFollows ? await model.apply(step.event, step.seq) : [];
          if (expected.some((o) => o.type === 'unsupported' && o.request === step.seq)) modelFollows = false;
          if (modelFollows) {
            let mismatch = compareObservations(expected.filter(groupAnswer), actual.filter(groupAnswer));
            if (mismatch) {
              const index = (model.alternatives() ?? []).findIndex(
                (list) => !compareObservations(list.filter(groupAnswer), actual.filter(groupAnswer)),
              );
              if (index >= 0) {
                model.followAlternative(index);
                mismatch = undefined;
              }
            }
            t.is(mismatch, undefined, `${name} step ${step.seq}: ${mismatch?.message}`);
            t.deepEqual(model.adopt(await kafka.inspect!()), [], `${name} step ${step.seq}`);
            compared += actual.filter(groupAnswer).length;
          }
          seen.push(...actual);
          if (!performedAll) continue;
          for (const wanted of (step.expected ?? []).filter(groupAnswer)) {
            const index = seen.findIndex((o) => matchesExpected(wanted, o));
            t.true(index >= 0, `${name} step ${step.seq}: expected ${JSON.stringify(wanted)}`);
            if (index >= 0) seen.splice(index, 1);
            expectationsMet += 1;
          }
        }
      }
    } finally {
      await kafka.close();
    }
    t.true(compared >= 90, `${compared} answers compared`);
    t.true(expectationsMet > 30, `${expectationsMet} expectations met`);
  },
);

/** Talks to one adapter process line by line. */
async function adapterProcess() {
  const { classpath } = await ensureKafkaJava();
  const child = spawn('java', ['-cp', classpath, 'kspec.coordinator.CoordinatorAdapter'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  const send = (line: string): Promise<Record<string, unknown>> => {
    child.stdin.write(`${line}\n`);
    const answer =
      lines.length > 0 ? Promise.resolve(lines.shift()!) : new Promise<string>((r) => waiting.push(r));
    return answer.then((text) => JSON.parse(text) as Record<string, unknown>);
  };
  return { child, send };
}

test.serial('bad input gets the protocol error answer and the adapter process stays up', async (t) => {
  t.timeout(BUILD_TIMEOUT);
  const { child, send } = await adapterProcess();
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const isError = (answer: Record<string, unknown>, id: number) =>
      answer.id === id && typeof (answer.error as { message?: unknown })?.message === 'string';
    t.true(isError(await send('{"id": 1, "method": '), -1), 'not JSON');
    t.true(isError(await send('[1, 2]'), -1), 'not an object');
    t.like(await send('{"id": 2, "method": "explode"}'), {
      id: 2,
      error: { message: 'unknown method "explode"' },
    });
    t.like(await send('{"id": 3, "method": "apply", "params": {"seq": 0, "event": {"type": "join"}}}'), {
      id: 3,
      error: { message: 'reset first: no run has started' },
    });
    t.like(await send('{"id": 4, "method": "reset", "params": {"seed": 5, "config": {}}}'), {
      id: 4,
      result: null,
    });
    t.like(await send('{"id": 5, "method": "apply", "params": {"seq": 0, "event": {"type": "explode"}}}'), {
      id: 5,
      error: { message: 'unknown event type "explode"' },
    });
    t.like(
      await send(
        '{"id": 6, "method": "apply", "params": {"seq": 0, "event": {"type": "join", "client": "c1"}}}',
      ),
      {
        id: 6,
        error: { message: 'event join is missing a field' },
      },
    );
    t.true(isError(await send('{"id": 7, "method": "apply", "params": {"seq": 0}}'), 7), 'no event');
    const produce = await send(
      '{"id": 8, "method": "apply", "params": {"seq": 1, "event": {"type": "produce", "producer": "p1", "topic": "t", "partition": 0, "values": ["v"], "acks": 1}}}',
    );
    t.like(produce, { id: 8, result: [{ type: 'unsupported', request: 1, event: 'produce' }] });
    // RP-24: ListOffsets is a contract event the coordinator alone cannot answer.
    const listOffsets = await send(
      '{"id": 11, "method": "apply", "params": {"seq": 2, "event": {"type": "list-offsets", "client": "c1", "topic": "t", "partition": 0, "position": "latest"}}}',
    );
    t.like(listOffsets, { id: 11, result: [{ type: 'unsupported', request: 2, event: 'list-offsets' }] });
    // Still serving: a well-formed request after all that is answered.
    const caps = await send('{"id": 9, "method": "capabilities"}');
    t.like(caps, { id: 9, result: { contractVersion: 1, inspect: true, deterministic: true } });
    t.like(await send('{"id": 10, "method": "close"}'), { id: 10, result: null });
    t.is(await exited, 0);
  } finally {
    child.kill();
  }
});
