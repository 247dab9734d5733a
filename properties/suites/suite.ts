// A suite: a name, what it is about, config overrides on top of the profile, the weighted
// commands its runs are made of, and optionally a fixed prelude every run starts with.
import type fc from 'fast-check';
import type { Config } from '../../spec/config.ts';
import { type ArbitraryName, weighted } from '../commands/arbitraries.ts';
import type { RunCommand } from '../commands/command.ts';
import type { LockstepRun } from '../lockstep/run.ts';

export interface Suite {
  readonly name: string;
  readonly description: string;
  readonly overrides: Config;
  readonly weights: Partial<Record<ArbitraryName, number>>;
  readonly maxCommands: number;
  /** Commands of the suite's own beyond the shared catalogue, each as often as it is listed. */
  readonly extraCommands?: readonly fc.Arbitrary<RunCommand>[];
  /** Swarm generation (properties/swarm): each run draws its own configuration, kinds steered by outcomes. */
  readonly swarm?: boolean;
  /** Steps every run takes after creating the topic and before the generated commands. */
  readonly prelude?: (run: LockstepRun) => Promise<void>;
  /** Steps every run takes after the generated commands, before the final phase. */
  readonly epilogue?: (run: LockstepRun) => Promise<void>;
}

export const commandsOf = (suite: Suite) => [...weighted(suite.weights), ...(suite.extraCommands ?? [])];
