// Peers that are not what kspec expects, for CLI error tests: an HTTP server (answers a Kafka
// request with "HTTP/1.1 400", whose first four bytes read as a 1.2 GB frame size), a server that
// accepts and never answers, and a port nobody listens on.
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';

export interface FakePeer {
  readonly address: string;
  close(): Promise<void>;
}

async function listen(server: Server, sockets: Set<Socket>): Promise<FakePeer> {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function httpPeer(): Promise<FakePeer> {
  return listen(
    createHttpServer((_, response) => response.end('hello')),
    new Set(),
  );
}

export function silentPeer(): Promise<FakePeer> {
  return listen(
    createServer(() => {
      /* accepts, reads, never answers */
    }),
    new Set(),
  );
}

/** An address nothing listens on (a port just freed). */
export async function closedAddress(): Promise<string> {
  const peer = await silentPeer();
  await peer.close();
  return peer.address;
}
