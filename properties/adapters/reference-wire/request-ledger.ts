// Knowing, over real sockets, that an exchange has come to rest: the client side counts the
// requests it sent and the answers it got, the broker side the requests its handler took and the
// ones it still holds (a parked JoinGroup or SyncGroup). The run moves on only when every request
// sent was taken and every outstanding request is one the broker holds: then request order is the
// event order (nothing is still on its way on another connection), and every answer the broker gave
// has reached the client. Both ends are in this process, so the counts are exact, not timing.
import type { BrokerHandler } from '../../../impl/server/handler.ts';
import type { KafkaTarget } from '../../client/wire/target.ts';

/** Event-loop turns before an exchange that never comes to rest is reported (a hang, not a wait). */
const MAX_TURNS = 200_000;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class RequestLedger {
  /** acks=0 produces written by the client and taken by the broker (they get no answer). */
  private sentSilent = 0;
  /** Client requests not yet answered (or failed). */
  private outstanding = 0;
  private takenSilent = 0;
  /** Requests the handler took and has not answered yet. */
  private held = 0;

  /** The broker's handler, each call counted. */
  wrapHandler(handler: BrokerHandler): BrokerHandler {
    const wrapped: Record<string, unknown> = {};
    for (const [name, method] of Object.entries(handler) as [
      string,
      (...args: unknown[]) => Promise<unknown>,
    ][])
      wrapped[name] = (request: { acks?: number }, context: { signal: AbortSignal }) => {
        if (name === 'produce' && request.acks === 0) {
          this.takenSilent += 1;
          return method.call(handler, request, context);
        }
        // A held request whose connection closed (a crashed consumer's parked JoinGroup) has no
        // client waiting any more: it stops counting then, so what is held stays what is outstanding.
        let holding = true;
        const release = () => {
          if (holding) this.held -= 1;
          holding = false;
          context.signal.removeEventListener('abort', release);
        };
        this.held += 1;
        context.signal.addEventListener('abort', release, { once: true });
        return method.call(handler, request, context).finally(release);
      };
    return wrapped as BrokerHandler;
  }

  /** The client's target, each request counted. */
  wrapTarget(target: KafkaTarget): void {
    const request = target.request.bind(target);
    target.request = (async (...args: Parameters<KafkaTarget['request']>) => {
      const silent = args[5]?.expectResponse === false;
      this.outstanding += 1;
      try {
        const answer = await request(...args);
        if (silent) this.sentSilent += 1;
        return answer;
      } finally {
        this.outstanding -= 1;
      }
    }) as KafkaTarget['request'];
  }

  /** Every request sent was taken and every outstanding one is held by the broker. */
  private atRest(): boolean {
    // Every held request is outstanding, so equal counts leave no request on its way to the broker
    // and no answer on its way back.
    return this.outstanding === this.held && this.sentSilent === this.takenSilent;
  }

  /** Waits (in event-loop turns, no timers) until the exchange is at rest. */
  async rest(): Promise<void> {
    await turn();
    for (let turns = 0; !this.atRest(); turns++) {
      if (turns > MAX_TURNS)
        throw new Error(
          `the wire exchange did not come to rest (client: ${this.outstanding} outstanding; broker: ${this.held} held)`,
        );
      await turn();
    }
  }
}
