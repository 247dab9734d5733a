// `--adapter stdio:COMMAND`: a system under test in any language, run as a child process that
// speaks JSON lines (spec/ADAPTERS.md). Every answer is validated against the contract's schemas;
// a process that hangs, prints garbage or exits early gives an AdapterError naming what happened,
// with the tail of its stderr, never a hang.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type {
  Capabilities,
  Event,
  Observation,
  Setup,
  SystemState,
  SystemUnderTest,
} from '../../../spec/index.ts';
import { CONTRACT_VERSION, isCapabilities, isObservation, isSystemState } from '../../../spec/index.ts';
import { AdapterError, parseResponseLine, type StdioMethod, type StdioResponse } from './protocol.ts';

export interface StdioSystemOptions {
  /** Milliseconds an adapter may take to answer one request before it is declared hung. */
  readonly timeoutMs?: number;
  /** Milliseconds the first request may take: it includes starting the process (a JVM, say). */
  readonly startTimeoutMs?: number;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

const STDERR_TAIL_LINES = 20;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  method: StdioMethod;
}

export class StdioSystem implements SystemUnderTest {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private readonly stderrTail: string[] = [];
  private nextId = 1;
  private failure: AdapterError | undefined;
  private cachedCapabilities: Capabilities | undefined;

  constructor(
    readonly command: string,
    private readonly options: StdioSystemOptions = {},
  ) {
    // A shell runs the command so users can write `stdio:python3 adapter.py --flag`.
    this.child = spawn(command, {
      shell: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      cwd: options.cwd,
      env: options.env,
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => this.onLine(line));
    createInterface({ input: this.child.stderr! }).on('line', (line) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
    });
    this.child.on('error', (error) => this.fail(`could not start adapter '${command}': ${error.message}`));
    this.child.on('exit', (code, signal) =>
      this.fail(`adapter '${command}' exited (${signal ? `signal ${signal}` : `code ${code}`})`),
    );
    this.child.stdin!.on('error', () => {
      /* EPIPE after the child exited; the exit handler reports it */
    });
  }

  private stderrText(): string {
    return this.stderrTail.length > 0
      ? `\n  adapter stderr (last lines):\n    ${this.stderrTail.join('\n    ')}`
      : '';
  }

  private fail(message: string): void {
    if (this.failure) return;
    this.failure = new AdapterError(message);
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(
        new AdapterError(
          `${message} while waiting for '${pending.method}' (request ${id})${this.stderrText()}`,
        ),
      );
    }
    this.pending.clear();
  }

  private onLine(line: string): void {
    if (line.trim() === '') return;
    let response: StdioResponse;
    try {
      response = parseResponseLine(line);
    } catch (error) {
      this.fail((error as Error).message);
      this.child.kill('SIGKILL');
      return;
    }
    const pending = this.pending.get(response.id);
    if (!pending) {
      this.fail(`adapter answered request ${response.id}, which is not waiting for an answer`);
      this.child.kill('SIGKILL');
      return;
    }
    this.pending.delete(response.id);
    clearTimeout(pending.timer);
    if ('error' in response)
      pending.reject(new AdapterError(`adapter failed '${pending.method}': ${response.error.message}`));
    else pending.resolve(response.result);
  }

  private call(method: StdioMethod, params?: unknown): Promise<unknown> {
    if (this.failure) return Promise.reject(new AdapterError(`${this.failure.message}${this.stderrText()}`));
    const id = this.nextId++;
    const perRequestMs = this.options.timeoutMs ?? 10_000;
    const timeoutMs = id === 1 ? Math.max(perRequestMs, this.options.startTimeoutMs ?? 30_000) : perRequestMs;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        const error = new AdapterError(
          `adapter '${this.command}' did not answer '${method}' within ${timeoutMs} ms (hung?)${this.stderrText()}`,
        );
        this.failure ??= error;
        this.child.kill('SIGKILL');
        reject(error);
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, method });
      this.child.stdin!.write(
        `${JSON.stringify(params === undefined ? { id, method } : { id, method, params })}\n`,
      );
    });
  }

  async capabilities(): Promise<Capabilities> {
    if (this.cachedCapabilities) return this.cachedCapabilities;
    const result = await this.call('capabilities');
    const errors = isCapabilities.errors(result);
    if (errors.length > 0) throw new AdapterError(`adapter capabilities are invalid: ${errors.join('; ')}`);
    const capabilities = result as Capabilities;
    if (capabilities.contractVersion !== CONTRACT_VERSION)
      throw new AdapterError(
        `adapter speaks contract version ${capabilities.contractVersion}; this kspec speaks version ${CONTRACT_VERSION}`,
      );
    this.cachedCapabilities = capabilities;
    return capabilities;
  }

  async reset(setup: Setup): Promise<void> {
    await this.call('reset', { seed: setup.seed, config: setup.config });
  }

  async apply(event: Event, seq: number): Promise<Observation[]> {
    const result = await this.call('apply', { event, seq });
    if (!Array.isArray(result))
      throw new AdapterError(`adapter answered 'apply' (event ${seq}) with a non-array`);
    for (const [index, observation] of result.entries()) {
      const errors = isObservation.errors(observation);
      if (errors.length > 0)
        throw new AdapterError(
          `adapter observation ${index} for event ${seq} (${event.type}) is invalid: ${errors.join('; ')}`,
        );
    }
    return result as Observation[];
  }

  async inspect(): Promise<SystemState> {
    const result = await this.call('inspect');
    const errors = isSystemState.errors(result);
    if (errors.length > 0) throw new AdapterError(`adapter state snapshot is invalid: ${errors.join('; ')}`);
    return result as SystemState;
  }

  async close(): Promise<void> {
    if (!this.failure && this.child.exitCode === null) {
      try {
        await this.call('close');
      } catch {
        /* closing a broken adapter: kill it below */
      }
    }
    this.child.stdin!.end();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    }
  }
}
