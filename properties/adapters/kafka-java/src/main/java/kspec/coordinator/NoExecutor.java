package kspec.coordinator;

import org.apache.kafka.coordinator.common.runtime.CoordinatorExecutor;
import org.apache.kafka.coordinator.common.runtime.CoordinatorRecord;

/**
 * CoordinatorExecutor for classic groups: only consumer groups' regular expressions use
 * background tasks, and classic groups never schedule one. A task would break determinism, so
 * scheduling one is refused loudly rather than run on some thread.
 */
final class NoExecutor implements CoordinatorExecutor<CoordinatorRecord> {
  @Override
  public <R> boolean schedule(String key, TaskRunnable<R> task, TaskOperation<CoordinatorRecord, R> operation) {
    throw new IllegalStateException("background task " + key + " scheduled: classic groups should never need one");
  }

  @Override
  public boolean isScheduled(String key) {
    return false;
  }

  @Override
  public void cancel(String key) {}
}
