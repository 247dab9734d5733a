// The plain-JSON result of one task: what a worker process sends back and what reports and
// `kspec merge` combine.
import type { Finding } from '../history/history.ts';
import type { CoverageJson } from '../lockstep/coverage.ts';
import type { TallyRow } from '../lockstep/tally.ts';
import type { Task } from './plan.ts';

export interface TaskResult {
  readonly task: Task;
  readonly adapter: string;
  readonly failed: boolean;
  readonly seconds: number;
  readonly runsDone: number;
  /** Events applied in the runs that passed. */
  readonly events: number;
  readonly tally: Record<string, TallyRow>;
  readonly coverage: CoverageJson;
  /** Rule outcomes produced (properties/outcomes); absent in reports written before they were recorded. */
  readonly outcomes?: readonly string[];
  readonly path?: string;
  readonly replayPath?: string;
  /** Swarm suites: the steering of the failing run (`--steer` replays with it). */
  readonly steer?: string;
  readonly commands?: string;
  readonly findings?: readonly Finding[];
  /** A failing suite: seconds from its start until its first failing run ended (before shrinking). */
  readonly secondsToFailure?: number;
  /** Events in the shrunk counterexample (setup and final phase included). */
  readonly shrunkEvents?: number;
  readonly crash?: string;
  readonly tracePath?: string;
  /** Availability probe: the answer to the acks=all write with one replica down. */
  readonly note?: string;
}
