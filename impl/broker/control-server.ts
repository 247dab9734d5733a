// The control port of `kspec broker`: fault injection over HTTP on loopback only.
//   POST /fault  {"fault": "crash"|"power-loss"|"disk-loss"|"restart"|"isolate"|"heal", "broker": 1}
//   GET  /status -> {"bootstrap": "...", "brokers": [{id, host, port, running}]}
// Answers are JSON; a bad request gets 400 with {"error": "..."}; a non-loopback peer gets 403.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { FAULTS, type FaultName, type ReferenceBroker } from './reference-broker.ts';

const MAX_BODY_BYTES = 4096;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host) || /^::ffff:127\./.test(host);
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(`${JSON.stringify(body)}\n`);
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) {
    body += chunk;
    if (body.length > MAX_BODY_BYTES) throw new Error('request body too large');
  }
  return body;
}

export interface FaultCommand {
  readonly fault: FaultName;
  readonly broker?: number;
}

export function parseFaultCommand(text: string): FaultCommand {
  const parsed = JSON.parse(text) as { fault?: unknown; broker?: unknown };
  if (typeof parsed.fault !== 'string' || !(FAULTS as readonly string[]).includes(parsed.fault))
    throw new Error(`fault must be one of ${FAULTS.join(', ')}`);
  if (parsed.fault !== 'heal' && !Number.isInteger(parsed.broker))
    throw new Error(`fault ${parsed.fault} needs an integer broker id`);
  return {
    fault: parsed.fault as FaultName,
    ...(Number.isInteger(parsed.broker) ? { broker: parsed.broker as number } : {}),
  };
}

async function handle(
  broker: ReferenceBroker,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (!isLoopback(request.socket.remoteAddress ?? ''))
    return reply(response, 403, { error: 'loopback only' });
  if (request.method === 'GET' && request.url === '/status')
    return reply(response, 200, { bootstrap: broker.bootstrap(), brokers: broker.status() });
  if (request.method !== 'POST' || request.url !== '/fault')
    return reply(response, 404, { error: 'POST /fault or GET /status' });
  let command: FaultCommand;
  try {
    command = parseFaultCommand(await readBody(request));
  } catch (error) {
    return reply(response, 400, { error: (error as Error).message });
  }
  try {
    await broker.fault(command.fault, command.broker);
  } catch (error) {
    return reply(response, 400, { error: (error as Error).message });
  }
  reply(response, 200, {
    ok: true,
    fault: command.fault,
    broker: command.broker ?? null,
    brokers: broker.status(),
  });
}

export async function startControlServer(
  broker: ReferenceBroker,
  host: string,
  port: number,
): Promise<{ server: Server; port: number; stop: () => Promise<void> }> {
  if (!isLoopback(host)) throw new Error(`the control port binds loopback only, not ${host}`);
  const server = createServer((request, response) => {
    handle(broker, request, response).catch((error: Error) => reply(response, 500, { error: error.message }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    port: bound,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Client side (`kspec fault`): sends one fault command and returns the parsed answer. */
export async function sendFault(
  control: string,
  command: FaultCommand,
  timeoutMs = 30_000,
): Promise<Record<string, unknown>> {
  const response = await fetch(`http://${control}/fault`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(command),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(String(body['error'] ?? `HTTP ${response.status}`));
  return body;
}
