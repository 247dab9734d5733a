package kspec.coordinator;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.utils.internals.LogContext;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.coordinator.common.runtime.CoordinatorMetadataImage;
import org.apache.kafka.coordinator.common.runtime.CoordinatorRecord;
import org.apache.kafka.coordinator.common.runtime.CoordinatorResult;
import org.apache.kafka.coordinator.group.GroupConfigManager;
import org.apache.kafka.coordinator.group.GroupCoordinatorConfig;
import org.apache.kafka.coordinator.group.GroupCoordinatorShard;
import org.apache.kafka.coordinator.group.GroupMetadataManager;
import org.apache.kafka.coordinator.group.metrics.GroupCoordinatorMetrics;
import org.apache.kafka.coordinator.group.modern.share.ShareGroupConfig;
import org.apache.kafka.timeline.SnapshotRegistry;

/**
 * One __consumer_offsets partition's coordinator, run the way Kafka's CoordinatorRuntime runs it
 * but on one thread and a manual clock: an operation (a request or a timer) generates records and a
 * result; the records are replayed into the shard and "appended" (kept, in order), then the
 * result's appendFuture is completed, which is when Kafka sends the responses that waited for the
 * write. Every record is committed at once, so reads see the latest state (Long.MAX_VALUE).
 */
final class ShardHost {
  static final long LATEST = Long.MAX_VALUE;
  /** Bound on timers fired by one event: a timer that keeps rescheduling itself at once is a bug. */
  private static final int MAX_FIRINGS_PER_EVENT = 1_000_000;

  final ManualTime time = new ManualTime();
  final DeterministicTimer timer = new DeterministicTimer(time);
  final GroupCoordinatorShard shard;
  final GroupMetadataManager groups;
  final GroupCoordinatorConfig config;
  private final List<CoordinatorRecord> log = new ArrayList<>();

  ShardHost(Map<String, Object> settings) {
    config = GroupCoordinatorConfig.fromProps(settings);
    ShareGroupConfig share = new ShareGroupConfig(new AbstractConfig(
        Utils.mergeConfigs(List.of(ShareGroupConfig.CONFIG_DEF, GroupCoordinatorConfig.CONFIG_DEF)), settings, false));
    LogContext logContext = new LogContext("[kspec coordinator] ");
    GroupCoordinatorShard.Builder builder = new GroupCoordinatorShard.Builder(config, new GroupConfigManager(config, share));
    builder.withAuthorizerPlugin(Optional.empty());
    shard = builder
        .withLogContext(logContext)
        .withSnapshotRegistry(new SnapshotRegistry(logContext))
        .withTime(time)
        .withTimer(timer)
        .withExecutor(new NoExecutor())
        .withCoordinatorMetrics(new GroupCoordinatorMetrics())
        .withTopicPartition(new TopicPartition("__consumer_offsets", 0))
        .build();
    groups = groupMetadataManager(shard);
    shard.onLoaded(CoordinatorMetadataImage.EMPTY);
  }

  /** The shard's GroupMetadataManager, for the snapshot (generation, leader): it has no public getter. */
  private static GroupMetadataManager groupMetadataManager(GroupCoordinatorShard shard) {
    try {
      Field field = GroupCoordinatorShard.class.getDeclaredField("groupMetadataManager");
      field.setAccessible(true);
      return (GroupMetadataManager) field.get(shard);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot reach GroupCoordinatorShard.groupMetadataManager", e);
    }
  }

  /** A write operation: generate, replay and append its records, complete its appendFuture; then due timers. */
  <T> T write(Supplier<CoordinatorResult<T, CoordinatorRecord>> operation) {
    CoordinatorResult<T, CoordinatorRecord> result = operation.get();
    commit(result);
    fireDue(time.milliseconds());
    return result.response();
  }

  private void commit(CoordinatorResult<?, CoordinatorRecord> result) {
    for (CoordinatorRecord record : result.records()) {
      if (result.replayRecords()) shard.replay(log.size(), -1L, (short) -1, record);
      log.add(record);
    }
    if (result.appendFuture() != null) result.appendFuture().complete(null);
  }

  /** advance-time: every timer due by now + ms fires at its own deadline, in order (GC-34). */
  void advance(long ms) {
    long target = time.milliseconds() + ms;
    fireDue(target);
    time.setMs(target);
  }

  private void fireDue(long limitMs) {
    for (int fired = 0; ; fired++) {
      if (fired >= MAX_FIRINGS_PER_EVENT) throw new IllegalStateException("timers keep firing without end");
      DeterministicTimer.Task task = timer.takeDue(limitMs);
      if (task == null) return;
      time.setMs(Math.max(time.milliseconds(), task.deadlineMs));
      fire(task);
    }
  }

  private void fire(DeterministicTimer.Task task) {
    try {
      commit(task.operation.generateRecords());
    } catch (RuntimeException e) {
      Errors error = ApiError.fromThrowable(e).error();
      if (error == Errors.NOT_COORDINATOR || error == Errors.COORDINATOR_LOAD_IN_PROGRESS) return;
      if (task.retry) {
        timer.schedule(task.key, task.retryBackoffMs, java.util.concurrent.TimeUnit.MILLISECONDS, true,
            task.retryBackoffMs, task.operation);
      } else {
        System.err.println("timer " + task.key + " failed: " + e);
      }
    }
  }
}
