// `--adapter reference:wire`: the reference cluster (impl/) behind its Kafka wire handlers
// (impl/broker), one BrokerServer per broker on 127.0.0.1, played by kspec's one client over the
// wire transport (properties/client/wire) instead of the in-process one. Everything else is as in
// the reference adapter: real segment files in a temporary directory (Fetch answers are file
// slices read from them) and a simulated clock (SimulatedDriver: time and
// replication move only on the run's events), a fresh cluster per run with the run's settings, and
// inspect() for the state invariants and the oracle's choices. So the model judges what the wire
// handlers compute (Metadata and FindCoordinator routing, Produce, Fetch and ListOffsets answers,
// error mapping, the group APIs' encoding at each version) exactly as it judges the in-process path.
//
// Request order is event order: after each event the adapter waits until the RequestLedger shows
// every request taken by a handler and every answer delivered (a parked JoinGroup counts as held),
// and fires the timers already due (a zero initial rebalance delay), as the in-process adapter does.
//
// Broker faults go over the wire as a process would: a failed broker's port closes with every
// connection on it (a clean shutdown first answers what it answers while shutting down, GC-32; a
// crash answers nothing more), and a restarted broker listens on the same port again.
// Not over the wire: network partitions (a client cannot be cut off from outside its sockets); they
// are left out of the events this system offers, so runs against it never contain them.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrokerAddress, BrokerContext } from '../../../impl/broker/broker-context.ts';
import { wireHandler } from '../../../impl/broker/wire-handler.ts';
import { Cluster } from '../../../impl/cluster/cluster.ts';
import { BrokerServer } from '../../../impl/server/broker-server.ts';
import type { BrokerHandler } from '../../../impl/server/handler.ts';
import type { Logger } from '../../../impl/server/logger.ts';
import type { Event } from '../../../spec/events.ts';
import { EVENT_TYPES } from '../../../spec/events.ts';
import type { Observation } from '../../../spec/observations.ts';
import type { SystemState } from '../../../spec/state.ts';
import type { Capabilities, Setup, SystemUnderTest } from '../../../spec/sut.ts';
import { CONTRACT_VERSION } from '../../../spec/version.ts';
import { applyClientEvent } from '../../client/apply-client-event.ts';
import { Clients, consumerSettings } from '../../client/clients.ts';
import { KafkaTarget } from '../../client/wire/target.ts';
import { WireTransport } from '../../client/wire/wire-transport.ts';
import { inspectCluster } from '../reference/inspect.ts';
import { defaultTemporaryParent } from '../reference/reference-system.ts';
import { RequestLedger } from './request-ledger.ts';
import { SimulatedDriver } from './simulated-driver.ts';

/** Events the wire path does not carry (see the header). */
export const NOT_OVER_THE_WIRE: readonly Event['type'][] = ['network-partition', 'network-heal'];

export interface ReferenceWireOptions {
  /**
   * Wraps the wire handler before it is served: the test plants a bug in what a handler answers
   * here, to show the main job catches wire-only bugs.
   */
  readonly handlerFault?: (handler: BrokerHandler) => BrokerHandler;
}

/** A parked request waits for other members, never for the wall clock: no request timeout in practice. */
const REQUEST_TIMEOUT_MS = 3_600_000;
const CONNECT_TIMEOUT_MS = 10_000;
/** The producer's request.timeout.ms default, which the model and the in-process cluster assume. */
const PRODUCER_REQUEST_TIMEOUT_MS = 30_000;

/**
 * Why a broker closes a connection when its own handling failed (impl/server/dispatch.ts and
 * connection.ts): an exception in a handler, no response, a response that does not encode. kspec's
 * client sends only well-formed requests and a failed broker closes its port rather than fail a
 * request, so such a close is a bug of the broker, even where the client would shrug it off (a failed Metadata for the
 * controller falls back to any broker). Other closes (acks=0 produce failures, WP-9) are the
 * protocol's; none is printed on the console.
 */
const HANDLER_FAILURE =
  /^closing connection: (\w+ handler failed|\w+ handler returned no response|\w+ response not encodable|internal error)/;

/** Records the broker's own failures (see HANDLER_FAILURE); the first line of each. */
function failureRecorder(failures: string[]): Logger {
  return {
    log: (_level, message) => {
      if (HANDLER_FAILURE.test(message))
        failures.push(message.split('\n')[0]!.replace('closing connection: ', ''));
    },
  };
}

interface Run {
  readonly directory: string;
  readonly cluster: Cluster;
  readonly driver: SimulatedDriver;
  /** The listening server of each broker, by id (a restart replaces it). */
  readonly servers: BrokerServer[];
  /** Starts broker `id`'s server: on the port it had, or any port the first time. */
  readonly serve: (id: number) => Promise<void>;
  readonly target: KafkaTarget;
  readonly transport: WireTransport;
  readonly clients: Clients;
  readonly ledger: RequestLedger;
  /** Requests a broker failed to handle (it closed the connection instead of answering). */
  readonly handlerFailures: string[];
}

export function createReferenceWireSystem(options: ReferenceWireOptions = {}): SystemUnderTest {
  let run: Run | undefined;

  const release = async () => {
    const current = run;
    run = undefined;
    if (!current) return;
    await current.target.closeAll();
    await Promise.all(current.servers.map((server) => server.stop()));
    // The directory goes next: the brokers drop their files unflushed (as the reference adapter does).
    for (const broker of current.cluster.brokers) broker.discard();
    rmSync(current.directory, { recursive: true, force: true });
  };

  const active = () => {
    if (!run) throw new Error('reset() must be called before apply()');
    return run;
  };

  /** Waits for rest, fires timers already due, and again until nothing more moves. */
  const settle = async ({ cluster, driver, ledger }: Run) => {
    await ledger.rest();
    cluster.advanceTo(cluster.now());
    driver.wake();
    await ledger.rest();
  };

  return {
    async capabilities(): Promise<Capabilities> {
      return {
        contractVersion: CONTRACT_VERSION,
        name: 'kspec reference cluster over the Kafka wire (loopback, simulated clock)',
        events: EVENT_TYPES.filter((type) => !NOT_OVER_THE_WIRE.includes(type)),
        inspect: true,
        deterministic: true,
      };
    },

    async reset(setup: Setup): Promise<void> {
      await release();
      const directory = mkdtempSync(join(defaultTemporaryParent(), 'kspec-wire-'));
      const cluster = new Cluster({
        seed: setup.seed,
        config: setup.config,
        storage: { kind: 'real', directory, fsync: false },
      });
      const driver = new SimulatedDriver();
      const ledger = new RequestLedger();
      const addresses = new Map<number, BrokerAddress>();
      const servers: BrokerServer[] = [];
      const handlerFailures: string[] = [];
      const context = {
        cluster,
        driver,
        addresses,
        listening: (id: number) => addresses.has(id),
        topicsChanged: () => undefined,
        // fetch.max.bytes (Kafka's default 52428800 when the run does not set it).
        fetchMaxBytes: Number(setup.config['fetch.max.bytes'] ?? 52428800),
      };
      const served = wireHandler(context satisfies BrokerContext);
      const handler = ledger.wrapHandler(options.handlerFault ? options.handlerFault(served) : served);
      const serve = async (id: number) => {
        const server = new BrokerServer({
          brokerId: id,
          handler,
          host: '127.0.0.1',
          port: addresses.get(id)?.port ?? 0,
          fetchPath: 'copy',
          pipelining: 'serial',
          logger: failureRecorder(handlerFailures),
        });
        addresses.set(id, await server.start());
        servers[id] = server;
      };
      for (const broker of cluster.brokers) await serve(broker.id);
      const target = new KafkaTarget([...addresses.values()], CONNECT_TIMEOUT_MS, REQUEST_TIMEOUT_MS, false);
      ledger.wrapTarget(target);
      const transport = new WireTransport(target, setup.config, PRODUCER_REQUEST_TIMEOUT_MS, true);
      transport.nowMs = cluster.now();
      run = {
        directory,
        cluster,
        driver,
        servers,
        serve,
        target,
        transport,
        ledger,
        handlerFailures,
        clients: new Clients(transport, consumerSettings(setup.config)),
      };
    },

    async apply(event: Event, seq: number): Promise<Observation[]> {
      const current = active();
      const { cluster, clients, transport } = current;
      if (!(await applyClientEvent(clients, event, seq))) await applySystemEvent(current, event, seq);
      await settle(current);
      // The reference failed inside a handler: a crash of the system, reported as the in-process
      // reference's exceptions are.
      const failure = current.handlerFailures[0];
      if (failure)
        throw new Error(`a broker failed to handle a request and closed the connection: ${failure}`);
      const reason = transport.takeUnsupported();
      if (reason) clients.emit({ type: 'unsupported', request: seq, event: event.type, reason });
      transport.nowMs = cluster.now();
      return clients.drain();
    },

    async inspect(): Promise<SystemState> {
      const { cluster, clients } = active();
      return inspectCluster(cluster, (memberId, instanceId) => clients.memberName(memberId, instanceId));
    },

    async close(): Promise<void> {
      await release();
    },
  };
}

/** The events the cluster itself produces, applied in process as the reference adapter does. */
async function applySystemEvent(run: Run, event: Event, seq: number): Promise<void> {
  const { cluster, clients, transport } = run;
  const unsupported = (reason: string) =>
    clients.emit({ type: 'unsupported', request: seq, event: event.type, reason });
  const known = (broker: number) => broker >= 0 && broker < cluster.brokers.length;
  switch (event.type) {
    case 'broker-failure': {
      if (!known(event.broker)) return unsupported(`no broker ${event.broker} in this cluster`);
      if (!cluster.broker(event.broker).running) return;
      const server = run.servers[event.broker]!;
      if (event.kind === 'clean-shutdown') {
        // Controlled shutdown: leaderships move and parked requests are answered, then the port closes.
        cluster.failBroker(event.broker, event.kind);
        await run.ledger.rest();
        await server.stop();
      } else {
        // The process dies: its connections drop with whatever they were waiting for.
        await server.stop();
        cluster.failBroker(event.broker, event.kind);
      }
      transport.faultInjected();
      return;
    }
    case 'broker-restart': {
      if (!known(event.broker)) return unsupported(`no broker ${event.broker} in this cluster`);
      if (cluster.broker(event.broker).running) return;
      cluster.restartBroker(event.broker);
      await run.serve(event.broker);
      transport.faultInjected();
      return;
    }
    case 'replicate':
      cluster.data.replicate(event.topic, event.partition, event);
      return;
    case 'flush':
      if (event.broker < 0 || event.broker >= cluster.brokers.length)
        unsupported(`no broker ${event.broker} in this cluster`);
      else cluster.flush(event.broker);
      return;
    case 'advance-time':
      cluster.advanceTo(cluster.now() + event.ms);
      // Time may move leaders (a fenced broker): the client asks Metadata again, as after any change.
      transport.faultInjected();
      return;
    default:
      unsupported(`${event.type} is not carried over the wire by this adapter`);
  }
}
