// The other end of the stdio protocol, for systems written in TypeScript: serves any
// SystemUnderTest on a pair of streams (a process's stdin/stdout). `kspec serve-stdio` uses it, and
// it is the reference for writing an adapter in another language.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { SystemUnderTest } from '../../../spec/index.ts';
import { isEvent, makeValidator, SetupSchema, validateConfig } from '../../../spec/index.ts';
import type { StdioRequest } from './protocol.ts';

const isSetup = makeValidator<{ seed: number; config: Record<string, string | number | boolean> }>(
  SetupSchema,
  'setup',
);

async function answer(system: SystemUnderTest, request: StdioRequest): Promise<unknown> {
  switch (request.method) {
    case 'capabilities':
      return system.capabilities();
    case 'reset': {
      const setup = isSetup.assert(request.params);
      await system.reset({ seed: setup.seed, config: validateConfig(setup.config) });
      return null;
    }
    case 'apply': {
      const { event, seq } = (request.params ?? {}) as { event?: unknown; seq?: unknown };
      if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0)
        throw new Error('apply: params.seq must be an integer >= 0');
      return system.apply(isEvent.assert(event), seq);
    }
    case 'inspect':
      if (!system.inspect) throw new Error('this system does not support inspect');
      return system.inspect();
    case 'close':
      await system.close();
      return null;
    default:
      throw new Error(`unknown method ${JSON.stringify((request as { method: unknown }).method)}`);
  }
}

function isRequest(value: unknown): value is StdioRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { id, method } = value as { id?: unknown; method?: unknown };
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 && typeof method === 'string';
}

/** Serves requests one at a time, in order; resolves when the input ends or after `close`. */
export async function serveStdio(system: SystemUnderTest, input: Readable, output: Writable): Promise<void> {
  const lines = createInterface({ input });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      output.write(
        `${JSON.stringify({ id: -1, error: { message: `request is not JSON: ${line.slice(0, 200)}` } })}\n`,
      );
      continue;
    }
    // A request without a usable id cannot be answered under its id, and is not carried out: the
    // answer says why under id -1, as for a line that is not JSON (the input fuzzer found such
    // requests executed and answered with their bad id echoed, or a null line crashing the server).
    if (!isRequest(parsed)) {
      const message = `request must be a JSON object with an integer "id" >= 0 and a string "method": ${line.slice(0, 200)}`;
      output.write(`${JSON.stringify({ id: -1, error: { message } })}\n`);
      continue;
    }
    const request = parsed;
    try {
      const result = await answer(system, request);
      output.write(`${JSON.stringify({ id: request.id, result: result ?? null })}\n`);
    } catch (error) {
      output.write(`${JSON.stringify({ id: request.id, error: { message: (error as Error).message } })}\n`);
    }
    if (request.method === 'close') break;
  }
  lines.close();
}
