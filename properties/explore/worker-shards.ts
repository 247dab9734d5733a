// The shards of `kspec explore --jobs N` in worker threads: each runs shard-worker.ts with the model
// built from the same name and options as the merging thread's, and is reached through the
// ShardPort the sharded search (model/explore/sharded.ts) drives. A shard answers one request at a
// time and the search awaits each answer before the next request, so answers arrive in order.
import { Worker } from 'node:worker_threads';
import type { CoverageUniverse } from '../../model/explore/coverage.ts';
import type { ModelName, ModelOptions } from '../../model/explore/registry.ts';
import type { Adoption, HandedOver } from '../../model/explore/shard.ts';
import type { ShardPort } from '../../model/explore/sharded.ts';

// A worker's entry cannot be a .ts file whatever its execArgv, so it starts as this script, which
// registers tsx (as bin/kspec.js does) and then loads shard-worker.ts.
const BOOT = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(
  new URL('./shard-worker.ts', import.meta.url).href,
)}); });`;

export type ShardRequest =
  | { readonly method: 'seedInitial' | 'expand' | 'coverage' }
  | { readonly method: 'split'; readonly index: number; readonly shards: number }
  | { readonly method: 'adopt'; readonly adoption: Adoption }
  | { readonly method: 'handOver'; readonly count: number }
  | { readonly method: 'takeOver'; readonly states: HandedOver<unknown> }
  | { readonly method: 'cutCoverage'; readonly position: number; readonly eventIndex: number };

export interface WorkerShards {
  readonly shards: ShardPort[];
  /** Ends the worker threads (call it when the search is over, whatever its outcome). */
  close(): Promise<void>;
}

export function workerShards(
  model: ModelName,
  options: ModelOptions,
  count: number,
  universe?: CoverageUniverse,
): WorkerShards {
  const workers = Array.from(
    { length: count },
    () => new Worker(BOOT, { eval: true, workerData: { model, options, universe } }),
  );
  const shards = workers.map((worker): ShardPort => {
    let failure: Error | undefined;
    const waiting: { resolve: (value: unknown) => void; reject: (error: Error) => void }[] = [];
    const fail = (error: Error) => {
      failure ??= error;
      for (const { reject } of waiting.splice(0)) reject(failure);
    };
    worker.on('message', (answer: { value?: unknown; error?: string }) => {
      const next = waiting.shift();
      if (answer.error !== undefined) fail(new Error(`explore shard failed: ${answer.error}`));
      else next?.resolve(answer.value);
    });
    worker.on('error', (error: unknown) =>
      fail(
        new Error(
          `explore shard failed: ${error instanceof Error || (error as Error)?.message ? (error as Error).message : String(error)}`,
        ),
      ),
    );
    worker.on('exit', (code) => fail(new Error(`explore shard exited with code ${code}`)));
    const call = <T>(request: ShardRequest): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        if (failure) return reject(failure);
        waiting.push({ resolve: resolve as (value: unknown) => void, reject });
        worker.postMessage(request);
      });
    return {
      seedInitial: () => call({ method: 'seedInitial' }),
      split: (index, shards) => call({ method: 'split', index, shards }),
      expand: () => call({ method: 'expand' }),
      adopt: (adoption) => call({ method: 'adopt', adoption }),
      handOver: (count) => call({ method: 'handOver', count }),
      takeOver: (states) => call({ method: 'takeOver', states }),
      cutCoverage: (position, eventIndex) => call({ method: 'cutCoverage', position, eventIndex }),
      coverage: () => call({ method: 'coverage' }),
    };
  });
  return {
    shards,
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
