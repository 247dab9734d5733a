// `kspec fault`: inject a fault into a running `kspec broker` through its control port.
import type { Command } from 'commander';
import { UnreachableError, UsageError } from '../usage-error.ts';

const FAULTS = ['crash', 'power-loss', 'disk-loss', 'restart', 'isolate', 'heal'];

export function register(program: Command): void {
  program
    .command('fault')
    .summary('inject a fault into a running kspec broker through its control port')
    .description(
      'Inject a fault into a `kspec broker --control-port C` cluster: crash (process crash: unflushed ' +
        'writes stay in the page cache), power-loss (unsynced writes lost, the last one torn), disk-loss ' +
        '(the log directory is deleted), restart (start a stopped broker; it recovers its logs), isolate ' +
        '(cut the broker off from the controller and the other brokers; its clients still reach it), ' +
        'heal (undo every isolation; BROKER not needed). Loopback only.',
    )
    .requiredOption('--control <host:port>', 'the control port printed by `kspec broker` (loopback)')
    .option('--timeout-ms <ms>', 'longest wait for the control port to apply the fault and answer', '30000')
    .argument('<fault>', FAULTS.join('|'))
    .argument('[broker]', 'broker id (0..N-1)')
    .action(
      async (
        fault: string,
        brokerText: string | undefined,
        options: { control: string; timeoutMs: string },
      ) => {
        const { isLoopback, sendFault } = await import('../../impl/broker/control-server.ts');
        if (!FAULTS.includes(fault))
          throw new UsageError(`fault must be one of ${FAULTS.join(', ')}, got '${fault}'`);
        const match = /^(.+):(\d+)$/.exec(options.control);
        if (!match) throw new UsageError(`--control must be HOST:PORT, got '${options.control}'`);
        if (!isLoopback(match[1]!))
          throw new UsageError(`--control must be a loopback address, got '${match[1]}'`);
        const timeoutMs = Number(options.timeoutMs);
        if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
          throw new UsageError(`--timeout-ms must be a positive integer, got '${options.timeoutMs}'`);
        let broker: number | undefined;
        if (fault !== 'heal') {
          broker = Number(brokerText);
          if (brokerText === undefined || !Number.isInteger(broker) || broker < 0)
            throw new UsageError(`${fault} needs a broker id, got '${brokerText ?? ''}'`);
        }
        try {
          const answer = await sendFault(
            options.control,
            {
              fault: fault as never,
              ...(broker === undefined ? {} : { broker }),
            },
            timeoutMs,
          );
          const brokers = answer['brokers'] as { id: number; port: number; running: boolean }[];
          process.stdout.write(
            `${fault}${broker === undefined ? '' : ` broker ${broker}`}: done; ` +
              `${brokers.map((b) => `${b.id}:${b.running ? 'up' : 'down'}`).join(' ')}\n`,
          );
        } catch (error) {
          throw faultError(options.control, timeoutMs, error);
        }
      },
    );
}

/**
 * Why a fault was not injected: the control port unreachable, silent or not a control port is
 * exit 3 (the cluster is not there); the control port refusing the fault (no such broker) is exit 2.
 */
function faultError(control: string, timeoutMs: number, error: unknown): Error {
  const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
  const name = (error as Error).name;
  if (error instanceof TypeError && cause?.code === 'ECONNREFUSED')
    return new UnreachableError(
      `cannot reach the control port ${control}: connection refused (is \`kspec broker --control-port\` running?)`,
    );
  if (error instanceof TypeError && cause?.message === 'bad port')
    return new UsageError(`--control ${control}: a port HTTP clients refuse to use (choose another)`);
  if (error instanceof TypeError)
    return new UnreachableError(
      `cannot reach the control port ${control}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
    );
  if (name === 'TimeoutError' || name === 'AbortError')
    return new UnreachableError(
      `the control port ${control} did not answer within ${timeoutMs} ms (--timeout-ms)`,
    );
  if (error instanceof SyntaxError)
    return new UnreachableError(`${control} is not a kspec control port (its answer is not JSON)`);
  return new UsageError(`fault refused: ${(error as Error).message}`);
}
