// The reference broker's driver (impl/broker BrokerDriver) for a simulation behind real sockets:
// unlike kspec broker's RealtimeDriver, nothing moves by itself. The clock moves only on the run's
// advance-time events and followers fetch only on its replicate events, exactly as in the in-process
// reference adapter, so the wire handlers are driven by the same event sequence as the model.
import type { BrokerDriver } from '../../../impl/broker/broker-context.ts';
import type { LogWaiter } from '../../../impl/broker/realtime-driver.ts';

export class SimulatedDriver implements BrokerDriver {
  private readonly waiters = new Set<LogWaiter>();

  /** The clock is the run's: a request does not move it. */
  sync(): void {}

  settle(): void {
    this.wake();
  }

  /** Followers fetch on replicate events only. */
  appended(): void {}

  addWaiter(waiter: LogWaiter): void {
    if (!waiter.check()) this.waiters.add(waiter);
  }

  removeWaiter(waiter: LogWaiter): void {
    this.waiters.delete(waiter);
  }

  /** Re-checks every parked fetch (after time, replication or a request changed the log). */
  wake(): void {
    for (const waiter of [...this.waiters]) if (waiter.check()) this.waiters.delete(waiter);
  }
}
