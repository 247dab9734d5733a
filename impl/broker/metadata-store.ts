// What the reference broker keeps beside the logs so that `kspec broker` restarted on the same data
// directory serves the same topics: the topic list with settings and replica assignments
// (`kspec-cluster.json`, rewritten atomically after every topic change). Leadership is not saved:
// on restart each partition's leader is the replica whose files hold the latest leader epoch (then
// the longest log), its new epoch is one above every epoch on disk (so followers truncate what the
// new leader does not have, KIP-101), and the others rejoin the ISR by fetching.
import * as fs from 'node:fs';
import { join } from 'node:path';
import type { Cluster } from '../cluster/cluster.ts';
import type { PartitionMetadata, TopicSettings } from '../controller/metadata.ts';

export const METADATA_FILE = 'kspec-cluster.json';

/** The data directory's metadata cannot be used; nothing was changed. */
export class MetadataFileError extends Error {
  override name = 'MetadataFileError';
}

interface SavedTopic {
  readonly name: string;
  readonly settings: TopicSettings;
  readonly replicas: readonly (readonly number[])[];
}

interface SavedCluster {
  readonly format: 1;
  readonly brokers: number;
  readonly topics: readonly SavedTopic[];
}

export function saveMetadata(cluster: Cluster, dataDir: string): void {
  const saved: SavedCluster = {
    format: 1,
    brokers: cluster.brokers.length,
    topics: cluster.controller.allTopics().map((topic) => ({
      name: topic.name,
      settings: topic.settings,
      replicas: topic.partitions.map((p) => p.replicas),
    })),
  };
  const file = join(dataDir, METADATA_FILE);
  const temporary = `${file}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(saved, null, 1)}\n`);
  fs.renameSync(temporary, file);
}

/** Reads the saved topics; undefined when the directory holds none. Throws on a damaged file. */
export function readMetadata(dataDir: string): SavedCluster | undefined {
  const file = join(dataDir, METADATA_FILE);
  if (!fs.existsSync(file)) return undefined;
  let saved: SavedCluster;
  try {
    saved = JSON.parse(fs.readFileSync(file, 'utf8')) as SavedCluster;
  } catch (error) {
    throw new MetadataFileError(`${file} is damaged (${(error as Error).message}); it was left as it is`);
  }
  if (saved?.format !== 1 || !Array.isArray(saved.topics))
    throw new MetadataFileError(`${file}: unknown format; it was left as it is`);
  return saved;
}

interface ReplicaOnDisk {
  readonly broker: number;
  readonly latestEpoch: number;
  readonly logBytes: number;
}

function replicaOnDisk(dataDir: string, broker: number, topic: string, partition: number): ReplicaOnDisk {
  const directory = join(dataDir, `broker-${broker}`, `${topic}-${partition}`);
  let latestEpoch = -1;
  let logBytes = 0;
  try {
    const lines = fs.readFileSync(join(directory, 'leader-epoch-checkpoint'), 'utf8').trim().split('\n');
    for (const line of lines.slice(2)) latestEpoch = Math.max(latestEpoch, Number(line.split(' ')[0]));
  } catch {}
  try {
    for (const name of fs.readdirSync(directory))
      if (name.endsWith('.log')) logBytes += fs.statSync(join(directory, name)).size;
  } catch {}
  return { broker, latestEpoch: Number.isFinite(latestEpoch) ? latestEpoch : -1, logBytes };
}

/** Recreates the saved topics in a fresh cluster whose brokers recover their logs from `dataDir`. */
export function restoreMetadata(cluster: Cluster, dataDir: string, saved: SavedCluster): void {
  if (saved.brokers !== cluster.brokers.length)
    throw new MetadataFileError(
      `${join(dataDir, METADATA_FILE)} was written by ${saved.brokers} brokers; start with --brokers ${saved.brokers}`,
    );
  for (const topic of saved.topics) {
    const rf = topic.replicas[0]?.length ?? 1;
    const created = cluster.controller.createTopic(topic.name, topic.replicas.length, rf, topic.settings);
    if (created.error !== 'NONE') throw new Error(`restoring topic ${topic.name}: ${created.error}`);
    for (const partition of created.changed) {
      const replicas = topic.replicas[partition.partition]!;
      const disks = replicas.map((b) => replicaOnDisk(dataDir, b, topic.name, partition.partition));
      const best = [...disks].sort((a, b) => b.latestEpoch - a.latestEpoch || b.logBytes - a.logBytes)[0]!;
      const mutable = partition as { -readonly [K in keyof PartitionMetadata]: PartitionMetadata[K] };
      mutable.replicas = [...replicas];
      mutable.leader = best.broker;
      mutable.isr = [best.broker];
      mutable.leaderEpoch = Math.max(...disks.map((d) => d.latestEpoch)) + 1;
    }
    cluster.propagate(created.changed);
  }
}
