// The client matrix's one scenario (issue 20 part 3), run against a 3-broker `kspec broker` on
// loopback with any client that ships a program speaking this folder's small command protocol
// (README.md): create a topic (RF 3, min.insync.replicas 2), produce 1,000 records with acks=all
// (and idempotence where the client defaults to it); a group member that commits synchronously
// after each poll is SIGKILLed mid-way, a second member of the group takes over its partitions and
// commits; check that every acknowledged record was consumed by one of them and that the group's
// committed offsets reach the log end (`kspec groups --describe`: lag 0 on every partition).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { eventually, FAST_GROUP_CONFIG, startKspecBroker } from '../../testing/kspec-broker-process.ts';

export const RECORDS = 1000;
const KSPEC = fileURLToPath(new URL('../../../../bin/kspec.js', import.meta.url));

/** `kspec groups --describe --json` (the describe table kspec prints like kafka-consumer-groups). */
function describeGroup(bootstrap: string, group: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [KSPEC, 'groups', '--bootstrap-server', bootstrap, '--describe', '--group', group, '--json'],
      { timeout: 30_000 },
      (error, stdout) => resolve({ code: error ? 1 : 0, stdout }),
    ),
  );
}
const PARTITIONS = 3;

/** How to run one client's program: the command and the arguments before the protocol's own. */
export interface ClientProgram {
  readonly command: string;
  readonly args: readonly string[];
}

export interface ScenarioResult {
  readonly acked: number;
  /** Acknowledged records no consumer received. */
  readonly lost: readonly string[];
  /** Records the killed consumer had received before the kill. */
  readonly consumedBeforeKill: number;
  readonly consumedBySurvivor: number;
  /** Per partition: [partition, committed offset, log end offset, lag], from `kspec groups --describe`. */
  readonly describe: readonly (readonly number[])[];
}

interface RunningConsumer {
  readonly process: ChildProcess;
  readonly consumed: Set<string>;
  output: string;
}

function startConsumer(program: ClientProgram, bootstrap: string, topic: string, group: string, id: string) {
  const child = spawn(program.command, [...program.args, 'consume', bootstrap, topic, group, id], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const consumer: RunningConsumer = { process: child, consumed: new Set(), output: '' };
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const [kind, value] = line.split(' ');
      if (kind === 'consumed' && value) consumer.consumed.add(value);
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    consumer.output = (consumer.output + chunk.toString()).slice(-4000);
  });
  return consumer;
}

function produce(program: ClientProgram, bootstrap: string, topic: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    execFile(
      program.command,
      [...program.args, 'produce', bootstrap, topic, String(RECORDS)],
      { timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`producer failed: ${error.message}\n${stderr.slice(-2000)}`))
          : resolve(
              stdout
                .split('\n')
                .filter((line) => line.startsWith('acked '))
                .map((line) => line.split(' ')[1]!),
            ),
    ),
  );
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );

export async function runScenario(client: string, program: ClientProgram): Promise<ScenarioResult> {
  const broker = await startKspecBroker({ brokers: 3, config: FAST_GROUP_CONFIG });
  const bootstrap = broker.bootstrap.join(',');
  const topic = `matrix-${client.replace(/[^A-Za-z0-9-]/g, '')}`;
  const group = `${topic}-group`;
  const consumers: RunningConsumer[] = [];
  try {
    const admin = new Kafka({
      clientId: 'matrix-admin',
      brokers: broker.bootstrap,
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        {
          topic,
          numPartitions: PARTITIONS,
          replicationFactor: 3,
          configEntries: [{ name: 'min.insync.replicas', value: '2' }],
        },
      ],
    });
    await admin.disconnect();

    const acked = await produce(program, bootstrap, topic);
    // The first member starts alone and is SIGKILLed as soon as it has consumed (and committed)
    // some records. Started together, the faster of the two could take every record before the
    // other joined (seen in CI), and nothing would move on the kill.
    const doomed = startConsumer(program, bootstrap, topic, group, `${topic}-consumer-1`);
    consumers.push(doomed);
    await eventually(
      async () => doomed.consumed.size,
      (n) => n >= 50,
      120_000,
      10,
    );
    doomed.process.kill('SIGKILL');
    await exited(doomed.process);
    // The second member joins while the killed one is still registered: the rebalance waits out its
    // session, then every partition, with the killed member's commits, moves to the survivor.
    const survivor = startConsumer(program, bootstrap, topic, group, `${topic}-consumer-2`);
    consumers.push(survivor);
    const consumedBeforeKill = doomed.consumed.size;
    const everyone = () => new Set([...doomed.consumed, ...survivor.consumed]);
    await eventually(
      async () => acked.filter((value) => !everyone().has(value)).length,
      (missing) => missing === 0,
      180_000,
      200,
    );
    const lost = acked.filter((value) => !everyone().has(value));
    // The survivor commits after each poll; the group's offsets reach the log end.
    const describe = await eventually(
      async () => {
        const answer = await describeGroup(bootstrap, group);
        if (answer.code !== 0) return [] as number[][];
        const rows = (
          JSON.parse(answer.stdout) as {
            rows: { partition: number; currentOffset: number; logEndOffset: number; lag: number }[];
          }
        ).rows;
        return rows
          .map((row) => [row.partition, row.currentOffset, row.logEndOffset, row.lag])
          .sort((a, b) => a[0]! - b[0]!);
      },
      (rows) => rows.length === PARTITIONS && rows.every((row) => row[3] === 0),
      60_000,
      500,
    );
    if (lost.length > 0 && survivor.output)
      throw new Error(`${lost.length} records never consumed; survivor said: ${survivor.output}`);
    return {
      acked: acked.length,
      lost,
      consumedBeforeKill,
      consumedBySurvivor: survivor.consumed.size,
      describe,
    };
  } finally {
    for (const consumer of consumers)
      if (consumer.process.exitCode === null) consumer.process.kill('SIGKILL');
    await Promise.all(consumers.map((consumer) => exited(consumer.process)));
    await broker.stop();
  }
}
