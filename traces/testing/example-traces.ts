// The four real counterexamples of traces/render/examples/ (one per story a reader meets: a group
// split, a consumer commit, a replication loss, a lockstep mismatch), for renderer tests.
import { fileURLToPath } from 'node:url';
import type { Trace } from '../../spec/trace.ts';
import { readTrace } from '../export.ts';

export const EXAMPLE_KINDS = ['group', 'commit', 'replication', 'mismatch'] as const;
export type ExampleKind = (typeof EXAMPLE_KINDS)[number];

export const exampleTrace = (kind: ExampleKind): Trace =>
  readTrace(fileURLToPath(new URL(`../render/examples/${kind}.json`, import.meta.url)));
