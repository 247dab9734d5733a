// `kspec kafka up` and `kspec kafka down`: a real Apache Kafka 4.4 cluster on 127.0.0.1, from
// Maven's cache, left running in the background; DIR holds its layout, storage, logs and pids.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureKafkaBroker, KafkaJavaError, requireJava } from '../kafka-java/jar.ts';
import { baseSettings } from './broker-settings.ts';
import { KafkaClusterError } from './cluster-error.ts';
import {
  brokerNodes,
  type ClusterLayout,
  type ClusterShape,
  type NodeLayout,
  nodeDataDir,
  nodeMetadataDir,
  nodePropertiesFile,
  planNodes,
  portsNeeded,
  readLayout,
  writeLayout,
} from './layout.ts';
import { LOG4J2_PROPERTIES } from './log4j2.ts';
import { waitForBrokers } from './metadata-ready.ts';
import { runningPid, startNode, stopNode, whyNodeStopped } from './node-process.ts';
import { choosePorts } from './ports.ts';
import { serverProperties } from './server-properties.ts';
import { formatStorage, newClusterId } from './storage.ts';

export interface UpOptions {
  readonly dataDir: string;
  readonly brokers: number;
  readonly shape: ClusterShape;
  /** Broker settings over the base (the profile's, then --config). */
  readonly settings: Readonly<Record<string, string>>;
  readonly basePort?: number;
  /** Longest wait for every broker to answer Metadata. */
  readonly readyTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

/** Kafka's classpath from Maven's cache, a Maven or Java failure as the cluster's one-line error. */
async function classpath(): Promise<string> {
  try {
    await requireJava();
    return (await ensureKafkaBroker()).classpath;
  } catch (error) {
    if (error instanceof KafkaJavaError) throw new KafkaClusterError(error.message);
    throw error;
  }
}

/** Throws when a node that should be starting has exited, with the reason from its log. */
function requireRunning(nodes: readonly NodeLayout[]): void {
  for (const node of nodes)
    if (runningPid(node) === undefined)
      throw new KafkaClusterError(`Kafka node ${node.id} exited during start-up: ${whyNodeStopped(node)}`);
}

export async function up(options: UpOptions): Promise<ClusterLayout> {
  const dataDir = resolve(options.dataDir);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
    throw new KafkaClusterError(
      `--data-dir ${dataDir} is not empty (a cluster there? kspec kafka down --data-dir ${dataDir} --delete)`,
    );
  const ports = await choosePorts(portsNeeded(options.brokers, options.shape), options.basePort);
  const cp = await classpath();
  const layout: ClusterLayout = {
    clusterId: newClusterId(),
    shape: options.shape,
    dataDir,
    nodes: planNodes(dataDir, options.brokers, options.shape, ports),
    settings: { ...baseSettings(options.brokers), ...options.settings },
    classpath: cp,
  };
  mkdirSync(dataDir, { recursive: true });
  writeLayout(layout);
  writeFileSync(`${dataDir}/log4j2.properties`, LOG4J2_PROPERTIES);
  for (const node of layout.nodes) {
    for (const dir of [nodeDataDir(node), nodeMetadataDir(node)]) mkdirSync(dir, { recursive: true });
    writeFileSync(nodePropertiesFile(node), serverProperties(layout, node));
  }
  options.log?.(`formatting KRaft storage (cluster id ${layout.clusterId})`);
  await Promise.all(layout.nodes.map((node) => formatStorage(layout, node)));
  // controllers first, so brokers find a quorum when they come up
  const ordered = [...layout.nodes].sort(
    (a, b) => Number(b.roles.includes('controller')) - Number(a.roles.includes('controller')),
  );
  for (const node of ordered) startNode(layout, node);
  options.log?.(`started ${layout.nodes.length} JVMs; waiting for every broker to answer Metadata`);
  try {
    const brokers = brokerNodes(layout);
    const ready = await waitForBrokers(
      brokers.map((n) => n.port!),
      brokers.map((n) => n.id),
      options.readyTimeoutMs ?? 180000,
      () => requireRunning(layout.nodes),
    );
    if (!ready)
      throw new KafkaClusterError(
        `the cluster did not serve within ${(options.readyTimeoutMs ?? 180000) / 1000} s: ${whyNodeStopped(brokers[0]!)}`,
      );
  } catch (error) {
    await down(dataDir);
    throw error;
  }
  return layout;
}

/** Stops every node (brokers first, controllers last, SIGTERM then SIGKILL); --delete removes DIR. */
export async function down(dataDir: string, remove = false): Promise<ClusterLayout> {
  const layout = readLayout(resolve(dataDir));
  const brokersOnly = layout.nodes.filter((n) => !n.roles.includes('controller'));
  const controllers = layout.nodes.filter((n) => n.roles.includes('controller'));
  // resume paused nodes first: a stopped JVM cannot act on SIGTERM
  for (const node of layout.nodes) {
    const pid = runningPid(node);
    if (pid !== undefined) process.kill(pid, 'SIGCONT');
  }
  await Promise.all(brokersOnly.map((node) => stopNode(node, 'SIGTERM', 20000)));
  // combined nodes lose the quorum as they go: a short grace, then SIGKILL
  await Promise.all(
    controllers.map((node) => stopNode(node, 'SIGTERM', brokersOnly.length > 0 ? 20000 : 10000)),
  );
  if (remove) rmSync(layout.dataDir, { recursive: true, force: true });
  return layout;
}
