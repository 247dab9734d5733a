// Kafka 4.4's own client assignors (kspec.assignors.AssignorOracle in src/main/java) as an oracle:
// one JVM per oracle, problems pipelined as JSON lines, answers matched back by id. Batches are
// written in one go, so ten thousand problems cost one round trip, not ten thousand.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { AssignmentPlan, AssignorInput, Strategy } from '../../../model/assignors/index.ts';
import { ensureKafkaJava, KafkaJavaError } from './jar.ts';

export interface AssignmentProblem {
  readonly strategy: Strategy;
  readonly input: AssignorInput;
}

/**
 * What Kafka's assignor returned, the exception it threw (`ExceptionClass: message`), or that it
 * gave no answer within the oracle's deadline (it loops forever on some inputs, AS-14).
 */
export type KafkaAssignorAnswer =
  | { readonly plan: AssignmentPlan }
  | { readonly thrown: string }
  | { readonly livelock: string };

export interface AssignorOracleOptions {
  /** Milliseconds a batch may take, on top of BATCH_PER_PROBLEM_MS per problem, before the JVM is declared hung. */
  readonly timeoutMs?: number;
  /** Milliseconds one problem may take inside the JVM before it counts as a livelock (the JVM's default: 10 s). */
  readonly problemDeadlineMs?: number;
}

const MAIN_CLASS = 'kspec.assignors.AssignorOracle';
const BATCH_PER_PROBLEM_MS = 20;
const STDERR_TAIL_LINES = 10;

interface Pending {
  resolve(answer: KafkaAssignorAnswer): void;
  reject(error: Error): void;
}

export class KafkaAssignorOracle {
  private readonly pending = new Map<number, Pending>();
  private readonly stderrTail: string[] = [];
  private nextId = 1;
  private failure: Error | undefined;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly timeoutMs: number,
  ) {
    createInterface({ input: child.stdout! }).on('line', (line) => this.onLine(line));
    createInterface({ input: child.stderr! }).on('line', (line) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
    });
    child.stdin!.on('error', () => {
      // EPIPE after the JVM died: the exit handler below reports it.
    });
    this.exited = new Promise((resolve) => {
      child.on('error', (error) => {
        this.fail(new KafkaJavaError(`could not start java: ${error.message}`));
        resolve();
      });
      child.on('exit', (code, signal) => {
        this.fail(
          new KafkaJavaError(`the assignor oracle exited (${signal ?? `code ${code}`}) ${this.stderr()}`),
        );
        resolve();
      });
    });
  }

  /** Builds the Java programs if needed (KafkaJavaError when Java or Maven is missing) and starts the JVM. */
  static async start(options: AssignorOracleOptions = {}): Promise<KafkaAssignorOracle> {
    const { classpath } = await ensureKafkaJava();
    const deadline =
      options.problemDeadlineMs === undefined
        ? []
        : [`-Dkspec.assignor.deadlineMs=${options.problemDeadlineMs}`];
    const child = spawn('java', [...deadline, '-cp', classpath, MAIN_CLASS], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return new KafkaAssignorOracle(child, options.timeoutMs ?? 60_000);
  }

  /** Kafka's answers to `problems`, in order. Rejects, and stops the JVM, if a batch times out. */
  async assignAll(problems: readonly AssignmentProblem[]): Promise<KafkaAssignorAnswer[]> {
    if (this.failure) throw this.failure;
    const ids = problems.map(() => this.nextId++);
    const answers = ids.map(
      (id) =>
        new Promise<KafkaAssignorAnswer>((resolve, reject) => this.pending.set(id, { resolve, reject })),
    );
    const lines = problems.map((problem, index) =>
      JSON.stringify({ id: ids[index], strategy: problem.strategy, ...problem.input }),
    );
    this.child.stdin!.write(`${lines.join('\n')}\n`);
    const budgetMs = this.timeoutMs + problems.length * BATCH_PER_PROBLEM_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new KafkaJavaError(
          `the assignor oracle gave no answer within ${budgetMs} ms ${this.stderr()}`,
        );
        this.fail(error);
        this.child.kill('SIGKILL');
        reject(error);
      }, budgetMs);
    });
    try {
      return await Promise.race([Promise.all(answers), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async assign(problem: AssignmentProblem): Promise<KafkaAssignorAnswer> {
    const [answer] = await this.assignAll([problem]);
    return answer!;
  }

  /** Ends the JVM's input and waits for it to exit; kills it if it does not within a few seconds. */
  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.stdin!.end();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      await this.exited;
      clearTimeout(timer);
    }
  }

  private onLine(line: string): void {
    let answer: { id?: number; plan?: AssignmentPlan; thrown?: string; livelock?: string; error?: string };
    try {
      answer = JSON.parse(line);
    } catch {
      this.fail(
        new KafkaJavaError(`the assignor oracle printed a line that is not JSON: ${line.slice(0, 200)}`),
      );
      this.child.kill('SIGKILL');
      return;
    }
    const pending = answer.id === undefined ? undefined : this.pending.get(answer.id);
    if (!pending) {
      this.fail(new KafkaJavaError(`the assignor oracle answered an unknown problem: ${line.slice(0, 200)}`));
      this.child.kill('SIGKILL');
      return;
    }
    this.pending.delete(answer.id!);
    if (answer.error !== undefined)
      pending.reject(new Error(`the assignor oracle rejected the problem: ${answer.error}`));
    else if (answer.thrown !== undefined) pending.resolve({ thrown: answer.thrown });
    else if (answer.livelock !== undefined) pending.resolve({ livelock: answer.livelock });
    else pending.resolve({ plan: answer.plan ?? {} });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(this.failure);
    this.pending.clear();
  }

  private stderr(): string {
    return this.stderrTail.length === 0 ? '' : `; stderr: ${this.stderrTail.join(' | ')}`;
  }
}
