// The input fuzzer: kspec's own files and messages, mutated. Trace files (from traces/corpus) must
// either load or be refused with a TraceError naming the problem, and a trace that loads must
// render; a stdio adapter server (the model behind `kspec serve-stdio`) must answer every request
// line with exactly one protocol line, however wrong the request; and the stdio client must read
// any response line as a response or refuse it with an AdapterError. Anything else thrown is a bug.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { SeededRandom } from '../../impl/sim/random.ts';
import type { Trace } from '../../spec/trace.ts';
import { parseTrace, TraceError } from '../../traces/export.ts';
import { renderText } from '../../traces/render/text.ts';
import { resolveAdapter } from '../adapters/resolve.ts';
import { AdapterError, parseResponseLine } from '../adapters/stdio/protocol.ts';
import { serveStdio } from '../adapters/stdio/server.ts';
import { mutateJson, mutateText } from './json-mutate.ts';

const CORPUS = fileURLToPath(new URL('../../traces/corpus/', import.meta.url));

export interface InputFuzzOptions {
  readonly seed: number;
  /** Mutated trace files. */
  readonly traces: number;
  /** Mutated stdio request lines (each also read back as a response line). */
  readonly messages: number;
}

export interface InputFuzzResult {
  readonly seed: number;
  readonly traces: { readonly mutants: number; readonly loaded: number; readonly refused: number };
  readonly stdio: { readonly requests: number; readonly answered: number; readonly errors: number };
  readonly responses: { readonly lines: number; readonly refused: number };
  readonly failures: readonly string[];
}

function corpusFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? corpusFiles(join(directory, entry.name))
      : entry.name.endsWith('.json')
        ? [join(directory, entry.name)]
        : [],
  );
}

export async function runInputFuzz(options: InputFuzzOptions): Promise<InputFuzzResult> {
  const random = new SeededRandom(options.seed >>> 0);
  const failures: string[] = [];
  const fail = (message: string) => {
    if (failures.length < 20) failures.push(message);
  };
  const texts = corpusFiles(CORPUS)
    .sort()
    .map((file) => readFileSync(file, 'utf8'));
  const traces = texts.map((text) => parseTrace(text));

  let loaded = 0;
  let refused = 0;
  for (let i = 0; i < options.traces; i++) {
    const source = traces[random.int(traces.length)]!;
    let text = JSON.stringify(mutateJson(source, random));
    if (random.chance(0.2)) text = mutateText(text, random);
    let trace: Trace;
    try {
      trace = parseTrace(text, `mutant ${i}`);
    } catch (error) {
      if (error instanceof TraceError) refused++;
      else fail(`trace mutant ${i} (seed ${options.seed}): parseTrace threw ${(error as Error).stack}`);
      continue;
    }
    loaded++;
    try {
      renderText(trace);
    } catch (error) {
      fail(`trace mutant ${i} (seed ${options.seed}) loads but does not render: ${(error as Error).stack}`);
    }
  }

  const stdio = await fuzzStdioServer(traces, random, options.messages, fail);

  let responseRefused = 0;
  for (let i = 0; i < options.messages; i++) {
    const response = random.chance(0.5)
      ? { id: i, result: { ok: true } }
      : { id: i, error: { message: 'no' } };
    let line = JSON.stringify(mutateJson(response, random));
    if (random.chance(0.3)) line = mutateText(line, random);
    try {
      parseResponseLine(line);
    } catch (error) {
      if (error instanceof AdapterError) responseRefused++;
      else fail(`response line ${JSON.stringify(line.slice(0, 100))}: threw ${(error as Error).stack}`);
    }
  }

  return {
    seed: options.seed,
    traces: { mutants: options.traces, loaded, refused },
    stdio,
    responses: { lines: options.messages, refused: responseRefused },
    failures,
  };
}

/** Mutated requests to a stdio server in front of the model: one answer line per request line. */
async function fuzzStdioServer(
  traces: readonly Trace[],
  random: SeededRandom,
  count: number,
  fail: (message: string) => void,
): Promise<{ requests: number; answered: number; errors: number }> {
  const system = await (await resolveAdapter('model')).create();
  const events = traces.flatMap((trace) => trace.steps.map((step) => step.event));
  const config = traces[0]!.config;
  const input = new PassThrough();
  const output = new PassThrough();
  const answers: string[] = [];
  let pending = '';
  output.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop()!;
    answers.push(...lines);
  });
  const served = serveStdio(system, input, output).then(
    () => undefined,
    (error: Error) => error,
  );
  const requests: string[] = [];
  const templates = (id: number): unknown[] => [
    { id, method: 'capabilities' },
    { id, method: 'reset', params: { seed: 1, config } },
    { id, method: 'apply', params: { event: events[random.int(events.length)], seq: id } },
    { id, method: 'inspect' },
  ];
  input.write(`${JSON.stringify({ id: 0, method: 'reset', params: { seed: 1, config } })}\n`);
  requests.push('reset');
  for (let id = 1; id <= count; id++) {
    const options = templates(id);
    const template = options[random.int(options.length)];
    let line = random.chance(0.9) ? JSON.stringify(mutateJson(template, random)) : JSON.stringify(template);
    if (random.chance(0.2)) line = mutateText(line, random);
    line = line.replace(/[\r\n]/g, ' '); // readline ends a line at \r too
    // A mutant that says `close` ends the session; keep it open until the last line.
    if (/"close"/.test(line) || line.trim() === '') continue;
    input.write(`${line}\n`);
    requests.push(line);
    if (id % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  input.write(`${JSON.stringify({ id: count + 1, method: 'close' })}\n`);
  requests.push('close');
  input.end();
  const outcome = await served;
  await system.close().catch(() => undefined);
  if (outcome) fail(`the stdio server failed: ${outcome.stack}`);
  let errors = 0;
  for (const answer of answers) {
    try {
      if ('error' in parseResponseLine(answer)) errors++;
    } catch (error) {
      fail(
        `the stdio server answered a line that is not the protocol: ${answer.slice(0, 200)} (${(error as Error).message})`,
      );
    }
  }
  if (answers.length !== requests.length)
    fail(`the stdio server answered ${answers.length} lines to ${requests.length} requests`);
  return { requests: requests.length, answered: answers.length, errors };
}
