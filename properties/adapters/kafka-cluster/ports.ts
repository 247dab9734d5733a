// Loopback ports for the nodes: consecutive ones from --port, each checked free, or free ones the
// kernel hands out. A port in use is a start-up failure named in one line.
import { createServer } from 'node:net';
import { KafkaClusterError } from './cluster-error.ts';

function listenOn(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
    });
  });
}

export async function choosePorts(count: number, basePort: number | undefined): Promise<number[]> {
  const ports: number[] = [];
  for (let i = 0; i < count; i++) {
    if (basePort === undefined) {
      let port: number | undefined;
      while (port === undefined || ports.includes(port)) port = await listenOn(0);
      ports.push(port);
      continue;
    }
    const port = basePort + i;
    if (port > 65535) throw new KafkaClusterError(`--port ${basePort} leaves no room for ${count} ports`);
    if ((await listenOn(port)) === undefined)
      throw new KafkaClusterError(
        `port ${port} on 127.0.0.1 is in use (the cluster needs ${basePort}..${basePort + count - 1})`,
      );
    ports.push(port);
  }
  return ports;
}
