package kspec.coordinator;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.coordinator.common.runtime.CoordinatorRecord;
import org.apache.kafka.coordinator.common.runtime.CoordinatorTimer;

/**
 * CoordinatorTimer without threads: keyed timers (a key scheduled again replaces its earlier timer,
 * as CoordinatorTimerImpl does) ordered by deadline, then by scheduling order. The host fires them
 * one at a time (rule GC-34): the clock is set to a timer's deadline before its operation runs.
 */
final class DeterministicTimer implements CoordinatorTimer<CoordinatorRecord> {
  static final long DEFAULT_RETRY_BACKOFF_MS = 500L;

  /** One scheduled timer. */
  static final class Task {
    final String key;
    final long deadlineMs;
    final long order;
    final boolean retry;
    final long retryBackoffMs;
    final TimeoutOperation<CoordinatorRecord> operation;

    Task(String key, long deadlineMs, long order, boolean retry, long retryBackoffMs,
        TimeoutOperation<CoordinatorRecord> operation) {
      this.key = key;
      this.deadlineMs = deadlineMs;
      this.order = order;
      this.retry = retry;
      this.retryBackoffMs = retryBackoffMs;
      this.operation = operation;
    }
  }

  private final ManualTime time;
  private final Map<String, Task> byKey = new HashMap<>();
  private final TreeSet<Task> queue = new TreeSet<>((a, b) -> a.deadlineMs != b.deadlineMs
      ? Long.compare(a.deadlineMs, b.deadlineMs) : Long.compare(a.order, b.order));
  /** Shared by every shard's timer: timers due together fire in the order they were scheduled. */
  private static long scheduled = 0;

  DeterministicTimer(ManualTime time) {
    this.time = time;
  }

  @Override
  public void schedule(String key, long delay, TimeUnit unit, boolean retry, TimeoutOperation<CoordinatorRecord> operation) {
    schedule(key, delay, unit, retry, DEFAULT_RETRY_BACKOFF_MS, operation);
  }

  @Override
  public void schedule(String key, long delay, TimeUnit unit, boolean retry, long retryBackoff,
      TimeoutOperation<CoordinatorRecord> operation) {
    cancel(key);
    Task task = new Task(key, time.milliseconds() + unit.toMillis(delay), scheduled++, retry, retryBackoff, operation);
    byKey.put(key, task);
    queue.add(task);
  }

  @Override
  public void scheduleIfAbsent(String key, long delay, TimeUnit unit, boolean retry, TimeoutOperation<CoordinatorRecord> operation) {
    if (!byKey.containsKey(key)) schedule(key, delay, unit, retry, DEFAULT_RETRY_BACKOFF_MS, operation);
  }

  @Override
  public void cancel(String key) {
    Task previous = byKey.remove(key);
    if (previous != null) queue.remove(previous);
  }

  @Override
  public boolean isScheduled(String key) {
    return byKey.containsKey(key);
  }

  /** Removes and returns the first timer due at or before {@code limitMs}, or null. */
  Task takeDue(long limitMs) {
    if (queue.isEmpty() || queue.first().deadlineMs > limitMs) return null;
    Task task = queue.pollFirst();
    byKey.remove(task.key);
    return task;
  }

  /** The first timer, without taking it; null if none. */
  Task peek() {
    return queue.isEmpty() ? null : queue.first();
  }

  void clear() {
    byKey.clear();
    queue.clear();
  }
}
