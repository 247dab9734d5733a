// Where each node of a `kspec kafka up` cluster lives and listens, kept in DIR/cluster.json so that
// `fault` and `down` (separate processes) find the nodes again.
//
// Two shapes: `split` (the default) is one dedicated controller plus N broker-only nodes, so no
// broker fault ever touches the KRaft quorum; `combined` is N nodes that are each broker and
// controller (a voter each), which survives the loss of a minority of nodes. In both, every node
// keeps `metadata.log.dir` (the __cluster_metadata replica) apart from its `log.dirs`, so disk-loss
// wipes and re-formats only the partition data and the quorum's log survives.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KafkaClusterError } from './cluster-error.ts';

export type ClusterShape = 'split' | 'combined';

export interface NodeLayout {
  /** Kafka's node.id: brokers are 0..N-1 (the ids Metadata reports); a split cluster's controller is N. */
  readonly id: number;
  readonly roles: readonly ('broker' | 'controller')[];
  /** The PLAINTEXT listener (brokers), or null for a controller-only node. */
  readonly port: number | null;
  /** The CONTROLLER listener (voters), or null for a broker-only node. */
  readonly controllerPort: number | null;
  readonly dir: string;
}

export interface ClusterLayout {
  readonly clusterId: string;
  readonly shape: ClusterShape;
  readonly dataDir: string;
  readonly nodes: readonly NodeLayout[];
  /** The broker settings every node was started with (after the profile and --config). */
  readonly settings: Readonly<Record<string, string>>;
  readonly classpath: string;
}

export const nodeDataDir = (node: NodeLayout) => join(node.dir, 'data');
export const nodeMetadataDir = (node: NodeLayout) => join(node.dir, 'metadata');
export const nodeLogsDir = (node: NodeLayout) => join(node.dir, 'logs');
export const nodePropertiesFile = (node: NodeLayout) => join(node.dir, 'server.properties');
export const nodePidFile = (node: NodeLayout) => join(node.dir, 'kafka.pid');

/** The nodes of a cluster of `brokers` brokers, given free ports to listen on. */
export function planNodes(
  dataDir: string,
  brokers: number,
  shape: ClusterShape,
  ports: readonly number[],
): NodeLayout[] {
  const dir = (id: number) => join(dataDir, `node-${id}`);
  if (shape === 'combined')
    return Array.from({ length: brokers }, (_, id) => ({
      id,
      roles: ['broker', 'controller'],
      port: ports[2 * id]!,
      controllerPort: ports[2 * id + 1]!,
      dir: dir(id),
    }));
  return [
    ...Array.from({ length: brokers }, (_, id) => ({
      id,
      roles: ['broker'] as const,
      port: ports[id]!,
      controllerPort: null,
      dir: dir(id),
    })),
    { id: brokers, roles: ['controller'], port: null, controllerPort: ports[brokers]!, dir: dir(brokers) },
  ];
}

/** How many ports a plan needs. */
export const portsNeeded = (brokers: number, shape: ClusterShape) =>
  shape === 'combined' ? 2 * brokers : brokers + 1;

export const brokerNodes = (layout: ClusterLayout) => layout.nodes.filter((n) => n.port !== null);

export const bootstrapOf = (layout: ClusterLayout) =>
  brokerNodes(layout)
    .map((n) => `127.0.0.1:${n.port}`)
    .join(',');

const layoutFile = (dataDir: string) => join(dataDir, 'cluster.json');

export function writeLayout(layout: ClusterLayout): void {
  writeFileSync(layoutFile(layout.dataDir), `${JSON.stringify(layout, null, 2)}\n`);
}

export function readLayout(dataDir: string): ClusterLayout {
  const file = layoutFile(dataDir);
  if (!existsSync(file))
    throw new KafkaClusterError(`${dataDir} holds no cluster started by kspec kafka up (no cluster.json)`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ClusterLayout;
  } catch (error) {
    throw new KafkaClusterError(`${file} is not readable JSON: ${(error as Error).message}`);
  }
}

export function nodeById(layout: ClusterLayout, id: number): NodeLayout {
  const node = layout.nodes.find((n) => n.id === id);
  if (!node)
    throw new KafkaClusterError(
      `no node ${id} in the cluster at ${layout.dataDir} (nodes: ${layout.nodes.map((n) => n.id).join(', ')})`,
    );
  return node;
}
