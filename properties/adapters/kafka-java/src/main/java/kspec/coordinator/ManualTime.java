package kspec.coordinator;

import org.apache.kafka.common.utils.Time;

/** Kafka's Time on a clock that moves only when the adapter moves it (advance-time, timer deadlines). */
final class ManualTime implements Time {
  private long nowMs = 0;

  @Override
  public long milliseconds() {
    return nowMs;
  }

  @Override
  public long nanoseconds() {
    return nowMs * 1_000_000L;
  }

  @Override
  public void sleep(long ms) {
    // Nothing in the coordinator sleeps; time moves only by explicit events.
  }

  void setMs(long ms) {
    if (ms < nowMs) throw new IllegalStateException("time cannot go back: " + ms + " < " + nowMs);
    nowMs = ms;
  }
}
