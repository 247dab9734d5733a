// The low-level client against hand-written fake servers: it must notice a response whose
// correlation id does not match the oldest outstanding request, and a peer that hangs up.
import { createServer, type Server, type Socket } from 'node:net';
import test from 'ava';
import { ConnectionClosedError, KafkaConnection } from './connection.ts';

async function fakeServer(
  onData: (socket: Socket, chunk: Buffer) => void,
): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.on('data', (chunk: Buffer) => onData(socket, chunk)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

test('a response with the wrong correlation id rejects the request and closes the connection', async (t) => {
  const { server, port } = await fakeServer((socket) => {
    const frame = Buffer.alloc(10);
    frame.writeInt32BE(6, 0);
    frame.writeInt32BE(999, 4); // not the correlation id the client used
    socket.write(frame);
  });
  const connection = await KafkaConnection.connect('127.0.0.1', port);
  await t.throwsAsync(connection.request('Heartbeat', 0, { groupId: 'g', generationId: 1, memberId: 'm' }), {
    message: /correlation id 999, expected 1/,
  });
  t.true(connection.isClosed);
  await connection.close();
  server.close();
});

test('a peer that hangs up rejects every outstanding request with ConnectionClosedError', async (t) => {
  const { server, port } = await fakeServer((socket) => socket.destroy());
  const connection = await KafkaConnection.connect('127.0.0.1', port);
  const first = connection.request('ListGroups', 0, {});
  const second = connection.request('ListGroups', 0, {});
  await t.throwsAsync(first, { instanceOf: ConnectionClosedError });
  await t.throwsAsync(second, { instanceOf: ConnectionClosedError });
  await t.throwsAsync(connection.request('ListGroups', 0, {}), { instanceOf: ConnectionClosedError });
  server.close();
});

test('the request frame carries header v1 with the client id', async (t) => {
  let received: Buffer | undefined;
  const { server, port } = await fakeServer((socket, chunk) => {
    received = chunk;
    socket.destroy();
  });
  const connection = await KafkaConnection.connect('127.0.0.1', port, { clientId: 'probe' });
  await t.throwsAsync(connection.request('ListGroups', 2, {}));
  t.truthy(received);
  const frame = received!;
  t.is(frame.readInt32BE(0), frame.length - 4);
  t.is(frame.readInt16BE(4), 16);
  t.is(frame.readInt16BE(6), 2);
  t.is(frame.readInt32BE(8), 1);
  t.is(frame.readInt16BE(12), 5);
  t.is(frame.toString('utf8', 14, 19), 'probe');
  server.close();
});
