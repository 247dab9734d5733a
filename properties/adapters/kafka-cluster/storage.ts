// KRaft storage: every directory of a node is formatted (meta.properties with the cluster id and a
// directory id) before its first start, as kafka-storage.sh format does. After a disk loss only the
// wiped data directory is formatted again, with the same cluster id (--ignore-formatted leaves the
// surviving metadata directory as it is).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { KafkaClusterError } from './cluster-error.ts';
import { type ClusterLayout, type NodeLayout, nodePropertiesFile } from './layout.ts';

/** A Kafka Uuid as kafka-storage.sh random-uuid prints it (base64url of 16 bytes, no padding). */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    // an id starting with '-' would read as an option on the command line
    if (!id.startsWith('-')) return id;
  }
}

export function formatStorage(layout: ClusterLayout, node: NodeLayout): Promise<void> {
  const args = [
    '-Xmx128m',
    '-cp',
    layout.classpath,
    'kafka.tools.StorageTool',
    'format',
    '--cluster-id',
    layout.clusterId,
    '--config',
    nodePropertiesFile(node),
    '--ignore-formatted',
  ];
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new KafkaClusterError(`formatting node ${node.id}'s storage: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const text = output.join('').trim().split('\n');
      const line = text.find((l) => /Error|Exception/.test(l)) ?? text.at(-1) ?? `exit ${code}`;
      reject(new KafkaClusterError(`formatting node ${node.id}'s storage failed: ${line.trim()}`));
    });
  });
}
