// `kspec kafka fault`: the faults a launcher outside Kafka can really cause to one node, named as
// the issue names them and as the kafka: adapter's --fault-cmd passes them ({kind}). Kinds it
// cannot cause are refused (exit 2), so the adapter reports those events `unsupported` instead of
// a fault that did not happen.
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { KafkaClusterError } from './cluster-error.ts';
import { type ClusterLayout, type NodeLayout, nodeById, nodeDataDir, readLayout } from './layout.ts';
import { waitForBrokers } from './metadata-ready.ts';
import { runningPid, signalNode, startNode, stopNode, whyNodeStopped } from './node-process.ts';
import { formatStorage } from './storage.ts';

export const FAULT_KINDS = ['crash', 'clean-shutdown', 'pause', 'resume', 'restart', 'disk-loss'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The kafka: adapter's names (properties/adapters/kafka/faults.ts) for the same faults. */
const ADAPTER_KINDS: Readonly<Record<string, FaultKind>> = { 'process-crash': 'crash' };

/** Kinds asked for that this launcher cannot cause, and why (never faked with another fault). */
export const UNSUPPORTED_KINDS: Readonly<Record<string, string>> = {
  'power-loss':
    "power-loss needs unsynced writes to be lost; killing a JVM leaves them in the OS page cache (that is 'crash')",
  isolate: 'isolate is not supported: the nodes run in one network namespace on 127.0.0.1',
  heal: 'heal is not supported: nodes are never isolated (see isolate)',
};

export function faultKind(text: string): FaultKind {
  if ((FAULT_KINDS as readonly string[]).includes(text)) return text as FaultKind;
  const alias = ADAPTER_KINDS[text];
  if (alias) return alias;
  const reason = UNSUPPORTED_KINDS[text];
  if (reason) throw new KafkaClusterError(reason);
  throw new KafkaClusterError(
    `unknown fault '${text}' (expected one of: ${[...FAULT_KINDS, ...Object.keys(ADAPTER_KINDS)].join(', ')})`,
  );
}

export const faultsLog = (dataDir: string) => join(dataDir, 'faults.log');

/** How long a restarted broker may take to answer Metadata with itself listed. */
const RESTART_READY_MS = 50000;

async function startAndWait(layout: ClusterLayout, node: NodeLayout): Promise<void> {
  startNode(layout, node);
  if (node.port === null) return;
  const ready = await waitForBrokers([node.port], [node.id], RESTART_READY_MS, () => {
    if (runningPid(node) === undefined)
      throw new KafkaClusterError(`node ${node.id} exited while restarting: ${whyNodeStopped(node)}`);
  });
  if (!ready)
    throw new KafkaClusterError(
      `node ${node.id} did not serve within ${RESTART_READY_MS / 1000} s of its restart`,
    );
}

/** Applies one fault and notes it in DIR/faults.log; resolves with a line saying what was done. */
export async function injectFault(dataDir: string, kindText: string, nodeId: number): Promise<string> {
  const kind = faultKind(kindText);
  const layout = readLayout(dataDir);
  const node = nodeById(layout, nodeId);
  const done = await apply(layout, node, kind);
  // what a run really did to the cluster, for its report (kafka:validate counts these lines)
  appendFileSync(faultsLog(layout.dataDir), `${new Date().toISOString()} ${kind} ${nodeId}: ${done}\n`);
  return done;
}

async function apply(layout: ClusterLayout, node: NodeLayout, kind: FaultKind): Promise<string> {
  const nodeId = node.id;
  const wasRunning = runningPid(node) !== undefined;
  switch (kind) {
    case 'crash':
      // a paused JVM dies on SIGKILL too
      await stopNode(node, 'SIGKILL');
      return wasRunning ? `node ${nodeId} killed (SIGKILL)` : `node ${nodeId} was not running`;
    case 'clean-shutdown':
      if (wasRunning) signalNode(node, 'SIGCONT');
      await stopNode(node, 'SIGTERM');
      return wasRunning ? `node ${nodeId} shut down (SIGTERM)` : `node ${nodeId} was not running`;
    case 'pause':
      signalNode(node, 'SIGSTOP');
      return `node ${nodeId} paused (SIGSTOP)`;
    case 'resume':
      signalNode(node, 'SIGCONT');
      return `node ${nodeId} resumed (SIGCONT)`;
    case 'restart':
      if (wasRunning) {
        signalNode(node, 'SIGCONT');
        await stopNode(node, 'SIGTERM');
      }
      await startAndWait(layout, node);
      return `node ${nodeId} ${wasRunning ? 'restarted' : 'started'}`;
    case 'disk-loss':
      await stopNode(node, 'SIGKILL');
      rmSync(nodeDataDir(node), { recursive: true, force: true });
      mkdirSync(nodeDataDir(node), { recursive: true });
      await formatStorage(layout, node);
      await startAndWait(layout, node);
      return `node ${nodeId} lost its data directory (killed, wiped, re-formatted with cluster id ${layout.clusterId}, restarted)`;
  }
}
