// The client matrix (issue 20 part 3): each client, unchanged, runs scenario.ts against a
// 3-broker `kspec broker`. Each client's program and its install script live in its own folder;
// CI installs them (a client that cannot be installed fails its test here, it is never skipped).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import test from 'ava';
import { type ClientProgram, RECORDS, runScenario } from './scenario.ts';

const here = import.meta.dirname;

function install(script: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('bash', [join(here, script)], { timeout: 600_000 }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${script}: ${stderr.trim().split('\n').pop() ?? error.message}`))
        : resolve(stdout.trim()),
    ),
  );
}

const CLIENTS: Record<string, () => Promise<ClientProgram>> = {
  'kafka-python': async () => ({
    command: await install('python/install.sh'),
    args: [join(here, 'python', 'client.py')],
  }),
  'franz-go': async () => ({ command: await install('go/install.sh'), args: [] }),
  // node-rdkafka is built by impl/broker/interop/install-rdkafka.sh (the CI interop step).
  librdkafka: async () => {
    await install('../install-rdkafka.sh');
    return { command: process.execPath, args: [join(here, 'librdkafka', 'client.cjs')] };
  },
  '@platformatic/kafka': async () => {
    await install('platformatic/install.sh');
    return { command: process.execPath, args: [join(here, 'platformatic', 'client.mjs')] };
  },
  kafkajs: async () => ({ command: process.execPath, args: [join(here, 'kafkajs', 'client.mjs')] }),
  // Java's source launcher compiles Client.java at each start (about a second).
  'java (kafka-clients 4.4.0)': async () => ({
    command: 'java',
    args: ['-Xmx256m', '-cp', await install('java/install.sh'), join(here, 'java', 'Client.java')],
  }),
};

for (const [client, program] of Object.entries(CLIENTS))
  test.serial(
    `client matrix: ${client} produces ${RECORDS} records with acks=all, a group of two survives a SIGKILL, nothing acknowledged is lost`,
    async (t) => {
      t.timeout(900_000);
      const result = await runScenario(client, await program());
      t.is(result.acked, RECORDS, 'every record was acknowledged');
      t.deepEqual(result.lost, [], 'every acknowledged record was consumed');
      t.true(result.consumedBeforeKill > 0 && result.consumedBySurvivor > 0, JSON.stringify(result));
      t.deepEqual(
        result.describe.map(([partition, , , lag]) => [partition, lag]),
        [
          [0, 0],
          [1, 0],
          [2, 0],
        ],
        'the group committed up to the log end of every partition',
      );
      t.is(
        result.describe.reduce((sum, row) => sum + row[2]!, 0),
        RECORDS,
        'the log holds each record once',
      );
    },
  );
