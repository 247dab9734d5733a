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
 * write. Every record is committed at once. Reads (DescribeGroups, OffsetFetch) see the state at
 * the last committed offset, as the runtime's read operations do: a snapshot is taken after every
 * write that appended records, so what an operation changed without writing a record (a simple
 * group an OffsetCommit created and stored nothing for, OC-1) stays invisible to reads until the
 * partition's next record. The kspec snapshot of the coordinator (GroupSystem) reads the latest
 * state (Long.MAX_VALUE): what the coordinator holds in memory.
 */
final class ShardHost {
  static final long LATEST = Long.MAX_VALUE;

  final ManualTime time;
  final DeterministicTimer timer;
  final GroupCoordinatorShard shard;
  final GroupMetadataManager groups;
  final GroupCoordinatorConfig config;
  final int partition;
  /** Every record written to this offsets partition so far, in order: what a new leader replays. */
  private final List<CoordinatorRecord> log;
  /** The shard's timeline snapshots, one at the last committed offset (CoordinatorRuntime's). */
  private final SnapshotRegistry snapshots;
  /** The offset reads see: the log end after the last write that appended records. */
  private long committedOffset;
  /** Fires every shard's due timers (GroupSystem): after a write, as the runtime does. */
  private final java.util.function.LongConsumer fireDue;

  /**
   * The shard of one offsets partition, loaded as a new leader loads it: a fresh shard, every record
   * written so far replayed in order, then onLoaded (which schedules the loaded groups' timers).
   */
  ShardHost(Map<String, Object> settings, ManualTime time, int partition, List<CoordinatorRecord> log,
      java.util.function.LongConsumer fireDue) {
    this.time = time;
    this.timer = new DeterministicTimer(time);
    this.partition = partition;
    this.log = log;
    this.fireDue = fireDue;
    config = GroupCoordinatorConfig.fromProps(settings);
    ShareGroupConfig share = new ShareGroupConfig(new AbstractConfig(
        Utils.mergeConfigs(List.of(ShareGroupConfig.CONFIG_DEF, GroupCoordinatorConfig.CONFIG_DEF)), settings, false));
    LogContext logContext = new LogContext("[kspec coordinator] ");
    snapshots = new SnapshotRegistry(logContext);
    GroupCoordinatorShard.Builder builder = new GroupCoordinatorShard.Builder(config, new GroupConfigManager(config, share));
    builder.withAuthorizerPlugin(Optional.empty());
    shard = builder
        .withLogContext(logContext)
        .withSnapshotRegistry(snapshots)
        .withTime(time)
        .withTimer(timer)
        .withExecutor(new NoExecutor())
        .withCoordinatorMetrics(new GroupCoordinatorMetrics())
        .withTopicPartition(new TopicPartition("__consumer_offsets", partition))
        .build();
    groups = groupMetadataManager(shard);
    for (int offset = 0; offset < log.size(); offset++) shard.replay(offset, -1L, (short) -1, log.get(offset));
    shard.onLoaded(CoordinatorMetadataImage.EMPTY);
    committedOffset = log.size();
    snapshots.idempotentCreateSnapshot(committedOffset);
  }

  /** The offset read operations use (CoordinatorRuntime's lastCommittedOffset). */
  long committedOffset() {
    return committedOffset;
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
    fireDue.accept(time.milliseconds());
    return result.response();
  }

  private void commit(CoordinatorResult<?, CoordinatorRecord> result) {
    for (CoordinatorRecord record : result.records()) {
      if (result.replayRecords()) shard.replay(log.size(), -1L, (short) -1, record);
      log.add(record);
    }
    if (!result.records().isEmpty()) {
      // updateLastWrittenOffset and updateLastCommittedOffset at once: a snapshot at the new end.
      committedOffset = log.size();
      snapshots.idempotentCreateSnapshot(committedOffset);
      snapshots.deleteSnapshotsUpTo(committedOffset);
    }
    if (result.appendFuture() != null) result.appendFuture().complete(null);
  }

  /** Leadership moved away: Kafka's onUnloaded (parked JoinGroup/SyncGroup answered NOT_COORDINATOR), timers gone. */
  void unload() {
    shard.onUnloaded();
    timer.clear();
  }

  void fire(DeterministicTimer.Task task) {
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
