// A worker thread holding one ExplorerShard of `kspec explore --jobs N` (worker-shards.ts starts it):
// it builds the same model as the merging thread from the same options, then answers each request
// of the ShardPort with the shard's method of that name.
import { parentPort, workerData } from 'node:worker_threads';
import type { CoverageUniverse } from '../../model/explore/coverage.ts';
import { loadModel, type ModelName, type ModelOptions } from '../../model/explore/registry.ts';
import { ExplorerShard } from '../../model/explore/shard.ts';
import type { ShardRequest } from './worker-shards.ts';

interface ShardWorkerData {
  readonly model: ModelName;
  readonly options: ModelOptions;
  readonly universe?: CoverageUniverse;
}

const data = workerData as ShardWorkerData;
const { model } = await loadModel(data.model, data.options);
const shard = new ExplorerShard(model, data.universe);
const port = parentPort!;

port.on('message', (request: ShardRequest) => {
  try {
    switch (request.method) {
      case 'seedInitial':
        return port.postMessage({ value: shard.seedInitial() });
      case 'split':
        return port.postMessage({
          value: shard.retain((position) => position % request.shards === request.index),
        });
      case 'expand':
        return port.postMessage({ value: shard.expand() });
      case 'adopt':
        return port.postMessage({ value: shard.adopt(request.adoption) });
      case 'handOver':
        return port.postMessage({ value: shard.handOver(request.count) });
      case 'takeOver':
        return port.postMessage({ value: shard.takeOver(request.states) });
      case 'cutCoverage':
        return port.postMessage({ value: shard.cutCoverage(request.position, request.eventIndex) });
      case 'coverage':
        return port.postMessage({ value: shard.coverageSnapshot() });
    }
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
