// One node's JVM: started detached (it outlives the kspec process that started it), its pid in
// DIR/node-N/kafka.pid, signalled by `fault` and `down`. A pid counts as the node's only while
// /proc says that process is a java with this node's directory on its command line, so a stale pid
// file (the number reused by another process) is never signalled.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KafkaClusterError } from './cluster-error.ts';
import {
  type ClusterLayout,
  type NodeLayout,
  nodeLogsDir,
  nodePidFile,
  nodePropertiesFile,
} from './layout.ts';

/**
 * Heaps for a 2-core, 24 GiB machine where several JVMs (and other work) share it: a controller
 * keeps only the metadata log, a broker the page cache does most of the work for.
 */
export function heapFor(node: NodeLayout): string {
  return node.roles.includes('broker') ? '384m' : '192m';
}

export function javaArguments(layout: ClusterLayout, node: NodeLayout): string[] {
  return [
    '-Xms64m',
    `-Xmx${heapFor(node)}`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(layout.dataDir, 'log4j2.properties')}`,
    `-Dkafka.logs.dir=${nodeLogsDir(node)}`,
    `-Dkspec.kafka.node=${node.dir}`,
    '-cp',
    layout.classpath,
    'kafka.Kafka',
    nodePropertiesFile(node),
  ];
}

/** The node's running JVM, or undefined. */
export function runningPid(node: NodeLayout): number | undefined {
  const file = nodePidFile(node);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmdline.includes(`-Dkspec.kafka.node=${node.dir}\0`)) return undefined;
    // a zombie (killed, not yet reaped by its parent) is not running
    const state = /^State:\s+(\S)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return state === 'Z' ? undefined : pid;
  } catch {
    return undefined;
  }
}

export function startNode(layout: ClusterLayout, node: NodeLayout): number {
  if (runningPid(node) !== undefined) return runningPid(node)!;
  mkdirSync(nodeLogsDir(node), { recursive: true });
  const out = openSync(join(nodeLogsDir(node), 'console.log'), 'a');
  try {
    const child = spawn('java', javaArguments(layout, node), {
      detached: true,
      stdio: ['ignore', out, out],
    });
    if (child.pid === undefined) throw new KafkaClusterError(`could not start java for node ${node.id}`);
    // spawn reports ENOENT asynchronously; the caller checked for java first, so just keep it quiet
    child.on('error', () => {});
    child.unref();
    writeFileSync(nodePidFile(node), `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(out);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `signal` and, for a stopping signal, waits until the process is gone (then SIGKILL). */
export async function stopNode(node: NodeLayout, signal: 'SIGKILL' | 'SIGTERM', graceMs = 30000) {
  const pid = runningPid(node);
  if (pid === undefined) {
    rmSync(nodePidFile(node), { force: true });
    return;
  }
  process.kill(pid, signal);
  const deadline = Date.now() + graceMs;
  while (runningPid(node) !== undefined) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      await sleep(200);
      if (Date.now() > deadline + 10000) break;
    }
    await sleep(100);
  }
  rmSync(nodePidFile(node), { force: true });
}

export function signalNode(node: NodeLayout, signal: 'SIGSTOP' | 'SIGCONT'): void {
  const pid = runningPid(node);
  if (pid === undefined) throw new KafkaClusterError(`node ${node.id} is not running`);
  process.kill(pid, signal);
}

/** The last lines of a node's logs that say why it stopped (ERROR/FATAL first). */
export function whyNodeStopped(node: NodeLayout): string {
  const lines: string[] = [];
  for (const name of ['server.log', 'console.log']) {
    const file = join(nodeLogsDir(node), name);
    if (existsSync(file)) lines.push(...readFileSync(file, 'utf8').split('\n'));
  }
  const bad = lines.filter((line) => /\b(ERROR|FATAL)\b|Exception|Error:/.test(line));
  const line = (bad[0] ?? lines.filter((l) => l.trim() !== '').at(-1) ?? 'no log').trim();
  return `${line.slice(0, 300)} (logs: ${nodeLogsDir(node)})`;
}
