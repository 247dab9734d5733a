// Starts an adapter once before a run, so that a system which cannot start (a missing module, a
// command not on PATH, a process that exits at once, a port that is not Kafka) is reported as a
// setup problem in one line, not as a violation with a crash trace, a replay command and a stack.
// In-process adapters (reference, model, toy) have nothing to start and are not probed.
import type { Capabilities } from '../../spec/sut.ts';
import { AdapterResolutionError, resolveAdapter } from './resolve.ts';

export class AdapterSetupError extends Error {
  override name = 'AdapterSetupError';
}

const PROBED = ['module:', 'stdio:', 'kafka:', 'kafka-lockstep:', 'kafka-coordinator'];

/** How long the probe may take: a stdio adapter may be a JVM. */
const PROBE_TIMEOUT_MS = 60_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** What went wrong, on one line: adapters append the stderr tail of their process on later lines. */
function oneLine(spec: string, error: unknown): string {
  const [first, ...rest] = (error as Error).message.split('\n').map((line) => line.trim());
  const stderr = rest.filter((line) => line !== '' && !line.startsWith('adapter stderr')).at(-1);
  const notFound = / exited \(code 127\)/.test(first ?? '');
  const hint = notFound
    ? ` (command not found: is it on PATH? From a clone, kspec itself is 'node bin/kspec.js' or 'npx kspec')`
    : '';
  return `adapter ${spec} did not start: ${first}${stderr && !notFound ? ` (its stderr: ${stderr})` : ''}${hint}`;
}

/**
 * Resolves `spec` and, for adapters that start something, creates the system, asks its
 * capabilities and (kafka:) reaches a broker, then closes it. Throws AdapterSetupError saying why not.
 */
export async function preflightAdapter(spec: string): Promise<Capabilities | undefined> {
  let factory: Awaited<ReturnType<typeof resolveAdapter>>;
  try {
    factory = await resolveAdapter(spec);
  } catch (error) {
    if (error instanceof AdapterResolutionError) throw new AdapterSetupError(error.message);
    throw new AdapterSetupError(oneLine(spec, error));
  }
  if (!PROBED.some((prefix) => spec.startsWith(prefix))) return undefined;
  if (spec.startsWith('kafka:')) await probeKafka(spec);
  const created = factory.create();
  try {
    const system = await withTimeout(created, PROBE_TIMEOUT_MS, 'starting it');
    try {
      return await withTimeout(system.capabilities(), PROBE_TIMEOUT_MS, 'its capabilities request');
    } finally {
      await system.close().catch(() => undefined);
    }
  } catch (error) {
    // A system that started late is still closed, so no process is left behind.
    void created.then((system) => system.close()).catch(() => undefined);
    throw new AdapterSetupError(oneLine(spec, error));
  }
}

/** A Kafka target is usable when at least one bootstrap broker completes the ApiVersions handshake. */
async function probeKafka(spec: string): Promise<void> {
  const { KafkaTarget, parseBootstrap } = await import('../client/wire/target.ts');
  const bootstrap = parseBootstrap(spec.slice('kafka:'.length));
  const target = new KafkaTarget(bootstrap, 10_000);
  const problems: string[] = [];
  try {
    for (const address of bootstrap) {
      try {
        await target.connection(address, 'preflight');
        return;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const where = `${address.host}:${address.port}`;
        const message = (error as Error).message;
        problems.push(
          code === 'ECONNREFUSED'
            ? `${where} refused the connection`
            : message.includes(where)
              ? message
              : `${where}: ${message}`,
        );
      }
    }
  } finally {
    await target.closeAll();
  }
  throw new AdapterSetupError(`adapter ${spec}: no broker could be used (${problems.join('; ')})`);
}
