// `kspec fault` against `kspec broker --control-port`: each fault changes what the control port
// reports and what clients see; bad input is a usage error (exit 2).
import test from 'ava';
import { FAST_GROUP_CONFIG, startKspecBroker } from '../../impl/broker/testing/kspec-broker-process.ts';
import { cli } from '../testing/run-cli.ts';

async function status(control: string): Promise<boolean[]> {
  const answer = (await (await fetch(`http://${control}/status`)).json()) as {
    brokers: { running: boolean }[];
  };
  return answer.brokers.map((b) => b.running);
}

test('kspec fault crash/restart/isolate/heal through the control port; bad input exits 2', async (t) => {
  const broker = await startKspecBroker({ brokers: 2, config: FAST_GROUP_CONFIG });
  try {
    const crash = await cli('fault', '--control', broker.control, 'crash', '1');
    t.is(crash.code, 0, crash.stderr);
    t.regex(crash.stdout, /crash broker 1: done; 0:up 1:down/);
    t.deepEqual(await status(broker.control), [true, false]);
    const [host, port] = broker.bootstrap[1]!.split(':');
    const { connect } = await import('node:net');
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: host!, port: Number(port) });
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    t.true(refused, "a crashed broker's port is closed");
    t.is((await cli('fault', '--control', broker.control, 'restart', '1')).code, 0);
    t.deepEqual(await status(broker.control), [true, true]);
    t.is((await cli('fault', '--control', broker.control, 'power-loss', '0')).code, 0);
    t.is((await cli('fault', '--control', broker.control, 'restart', '0')).code, 0);
    t.is((await cli('fault', '--control', broker.control, 'isolate', '0')).code, 0);
    t.is((await cli('fault', '--control', broker.control, 'heal')).code, 0);
    t.deepEqual(await status(broker.control), [true, true]);

    const unknownBroker = await cli('fault', '--control', broker.control, 'crash', '5');
    t.is(unknownBroker.code, 2);
    t.regex(unknownBroker.stderr, /no broker 5/);
    t.is((await cli('fault', '--control', broker.control, 'melt', '0')).code, 2);
    t.is((await cli('fault', '--control', broker.control, 'crash')).code, 2);
    t.is((await cli('fault', '--control', '192.0.2.1:9', 'crash', '0')).code, 2);
  } finally {
    t.is(await broker.stop(), 0);
  }
});

test('kspec fault on a control port that accepts and never answers gives up after --timeout-ms (exit 3)', async (t) => {
  const { createServer } = await import('node:net');
  const silent = createServer(() => {}); // accepts, never answers
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as { port: number };
  try {
    const result = await cli('fault', '--control', `127.0.0.1:${port}`, '--timeout-ms', '300', 'crash', '0');
    t.is(result.code, 3, result.stderr);
    t.regex(result.stderr, /did not answer within 300 ms/);
    t.notRegex(result.stderr, /\n\s+at /);
    t.is(
      (await cli('fault', '--control', `127.0.0.1:${port}`, '--timeout-ms', 'soon', 'crash', '0')).code,
      2,
    );
  } finally {
    silent.close();
  }
});
