// The clusters the no-loss matrix runs on over the wire, one fresh cluster per row (so broker-side
// flips get the settings they need): a real Kafka 4.4 cluster from `kspec kafka up` with faults by
// `kspec kafka fault`, or `kspec broker` with faults through its control port. Each hands the
// kafka: adapter its bootstrap and fault hook through the environment, as `kspec validate
// --fault-cmd/--control` would.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { intSetting, resolveConfig, settingByName } from '../../../spec/config.ts';
import { profileConfig } from '../../profiles.ts';
import { profileSettings } from './broker-settings.ts';
import { down, up } from './cluster.ts';
import { KafkaClusterError } from './cluster-error.ts';
import { faultsLog } from './faults.ts';
import { bootstrapOf } from './layout.ts';

const KSPEC = resolve(dirname(fileURLToPath(import.meta.url)), '../../../bin/kspec.js');
/** The rows' fault command: crashes by a SIGKILL from the shell, the rest through `kspec kafka fault`. */
const FAULT_FAST = resolve(dirname(fileURLToPath(import.meta.url)), 'fault-fast.sh');

/**
 * Followers of the real cluster fetch lazily, so an acks=1 write sits on the leader alone for up to
 * 2 s: on loopback a follower otherwise copies a write within milliseconds, before any fault
 * command (a process start, about a second) can land, and acks=1 or min.insync.replicas=1 could
 * never lose anything. The safe profile runs with the same window, which only makes it harder.
 */
export const REPLICATION_WINDOW: Readonly<Record<string, string>> = {
  'replica.fetch.wait.max.ms': '2000',
  'replica.fetch.min.bytes': '1048576',
};
/**
 * With that window the HW trails a write by up to two fetch waits; each replicate event waits
 * 1.5 s, so the final phase's three rounds (4.5 s) end after the HW has caught up, and a record
 * still above the HW is not mistaken for a lost one (the first runs without this reported acks=1
 * writes "lost" that were merely not yet replicated).
 */
const REPLICATE_MS = '1500';
/** Without the window a follower copies a write within milliseconds; a replicate event waits a little. */
const REPLICATE_MS_WITHOUT_WINDOW = '300';

/**
 * How the row's cluster runs. The replication window is for the producer side (a write alone on
 * its leader); on the consumer side it only slows the group protocol down (every JoinGroup
 * completion, SyncGroup and OffsetCommit is a write to __consumer_offsets that waits up to 2 s for
 * lazy followers, so a SyncGroup was seldom answered within its event and consumers seldom got to
 * poll), so a row whose suites are all on the consumer side runs without it.
 */
export interface RowShape {
  readonly replicationWindow: boolean;
  /** Longest real sleep of a time step (default: the session timeout + 1 s). */
  readonly maxSleepMs?: number;
}

/**
 * A time step sleeps up to just past the session timeout in real time (the adapter's default is
 * 500 ms): a crashed consumer's session then really expires before the group is asked to move on,
 * and a rebalance waiting for a dead member really completes.
 */
function maxSleepMs(profile: string, row?: RowShape): string {
  if (row?.maxSleepMs !== undefined) return String(row.maxSleepMs);
  return String(intSetting(resolveConfig(profileConfig(profile)), 'session.timeout.ms') + 1000);
}

export interface RunningTarget {
  readonly adapter: string;
  readonly description: string;
  /** The environment the kafka: adapter reads its fault hook from. */
  readonly env: Readonly<Record<string, string>>;
  /** The faults that changed something so far, by kind (Kafka: from DIR/faults.log). */
  faults(): Record<string, number>;
  stop(): Promise<void>;
}

export type TargetKind = 'kafka' | 'kspec-broker';

export async function startKafka(
  profile: string,
  shape: 'split' | 'combined' = 'split',
  row: RowShape = { replicationWindow: true },
): Promise<RunningTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), `kspec-kafka-matrix-${profile}-`));
  const layout = await up({
    dataDir,
    brokers: 3,
    shape,
    settings: {
      ...profileSettings(profileConfig(profile)),
      ...(row.replicationWindow ? REPLICATION_WINDOW : {}),
    },
  });
  return {
    adapter: `kafka:${bootstrapOf(layout)}`,
    description: `Apache Kafka 4.4.0, ${shape === 'split' ? '1 controller + 3 brokers' : '3 combined nodes'} (${dataDir})`,
    env: {
      KSPEC_FAULT_CMD: `KSPEC=${KSPEC} sh ${FAULT_FAST} ${dataDir} {kind} {broker}`,
      KSPEC_REPLICATE_MS: row.replicationWindow ? REPLICATE_MS : REPLICATE_MS_WITHOUT_WINDOW,
      KSPEC_MAX_SLEEP_MS: maxSleepMs(profile, row),
    },
    faults: () => {
      const counts: Record<string, number> = {};
      if (!existsSync(faultsLog(dataDir))) return counts;
      for (const line of readFileSync(faultsLog(dataDir), 'utf8').split('\n')) {
        const match = /^\S+ (\S+) \d+: (.*)$/.exec(line);
        if (match && !match[2]!.includes('was not running')) counts[match[1]!] = (counts[match[1]!] ?? 0) + 1;
      }
      return counts;
    },
    stop: async () => {
      await down(dataDir, true);
    },
  };
}

/**
 * `kspec broker --brokers 3` with the profile's broker and topic settings it knows by name, and the
 * same replication window as Kafka's rows (kspec broker honours the two fetch settings on its wall
 * clock since round 3; before, its followers copied every write at once).
 */
export async function startKspecBroker(profile: string, row?: RowShape): Promise<RunningTarget> {
  const settings = Object.entries({
    ...profileSettings(profileConfig(profile)),
    ...((row?.replicationWindow ?? true) ? REPLICATION_WINDOW : {}),
  }).filter(([name]) => settingByName(name));
  const child: ChildProcess = spawn(
    'node',
    [
      KSPEC,
      'broker',
      '--brokers',
      '3',
      '--port',
      '0',
      '--control-port',
      '0',
      '--log-level',
      'error',
      ...settings.flatMap(([name, value]) => ['--config', `${name}=${value}`]),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let text = '';
  const found = await new Promise<{ bootstrap: string; control: string }>((done, fail) => {
    // a loaded machine (several sessions on 2 cores) can take a minute to start node and tsx
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new KafkaClusterError('kspec broker did not start within 180 s'));
    }, 180000);
    const complete = (name: string) => new RegExp(`^${name}: (\\S+)\\n`, 'm').exec(text)?.[1];
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const bootstrap = complete('bootstrap');
      const control = complete('control');
      if (bootstrap && control) {
        clearTimeout(timer);
        done({ bootstrap, control });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new KafkaClusterError(`kspec broker exited (${code}): ${text.slice(-300)}`));
    });
  });
  return {
    adapter: `kafka:${found.bootstrap}`,
    description: `kspec broker --brokers 3 (control ${found.control})`,
    // the same replicate wait as on Kafka, so the two tables differ only in the cluster
    env: {
      KSPEC_CONTROL: found.control,
      KSPEC_REPLICATE_MS: REPLICATE_MS,
      KSPEC_MAX_SLEEP_MS: maxSleepMs(profile, row),
    },
    // the control port keeps no log of the faults it applied
    faults: () => ({}),
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

export function startTarget(kind: TargetKind, profile: string, row?: RowShape): Promise<RunningTarget> {
  return kind === 'kafka' ? startKafka(profile, 'split', row) : startKspecBroker(profile, row);
}
