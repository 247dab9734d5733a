package kspec.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Optional;
import kspec.JsonLines;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.server.util.KafkaScheduler;
import org.apache.kafka.storage.internals.log.BatchMetadata;
import org.apache.kafka.storage.internals.log.LogAppendInfo;
import org.apache.kafka.storage.internals.log.LogConfig;
import org.apache.kafka.storage.internals.log.LogDirFailureChannel;
import org.apache.kafka.storage.internals.log.ProducerStateEntry;
import org.apache.kafka.storage.internals.log.ProducerStateManager;
import org.apache.kafka.storage.internals.log.ProducerStateManagerConfig;
import org.apache.kafka.storage.internals.log.UnifiedLog;
import org.apache.kafka.storage.log.metrics.BrokerTopicStats;

/**
 * Kafka 4.4's own UnifiedLog answering one partition's idempotent-producer story (SPEC.md IP-1..IP-6):
 * one JSON line per step in, one answer line out. Steps: {"kind":"lead","producerId","epoch",
 * "sequence","count"} appends a client batch as leader and answers {"first","last"} or {"error"};
 * "follow" appends the same as a follower at the log end; {"kind":"restart","clean":bool} reopens
 * the log (after close() when clean, else as after a crash); {"kind":"truncate","offset"} truncates;
 * "kafka-snapshot" answers the latest snapshot file's name and bytes (base64), and
 * {"kind":"read-snapshot","base64"} Kafka's ProducerStateManager.readSnapshot of the given bytes.
 */
public final class ProducerStateProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaScheduler scheduler = new KafkaScheduler(1);
    private final File dir;
    private UnifiedLog log;

    private ProducerStateProbe() throws IOException {
        scheduler.startup();
        dir = Files.createTempDirectory("kspec-producer-state").resolve("t-0").toFile();
        if (!dir.mkdirs()) throw new IOException("cannot create " + dir);
        log = open(true);
    }

    private UnifiedLog open(boolean clean) throws IOException {
        return UnifiedLog.create(dir, new LogConfig(new HashMap<>()), 0L, 0L, scheduler, new BrokerTopicStats(), Time.SYSTEM,
            60000, new ProducerStateManagerConfig(86400000, false), 600000, new LogDirFailureChannel(10), clean,
            Optional.empty());
    }

    /** Records stamped now: Kafka expires a producer whose last timestamp is a day old at load. */
    private static SimpleRecord[] records(JsonNode step) {
        SimpleRecord[] records = new SimpleRecord[step.get("count").asInt()];
        for (int i = 0; i < records.length; i++) records[i] = new SimpleRecord(System.currentTimeMillis(), null, ("v" + i).getBytes());
        return records;
    }

    private ObjectNode step(String line) {
        ObjectNode answer = JSON.createObjectNode();
        try {
            JsonNode step = JSON.readTree(line);
            switch (step.get("kind").asText()) {
                case "lead" -> {
                    MemoryRecords batch = MemoryRecords.withIdempotentRecords(Compression.NONE, step.get("producerId").asLong(),
                        (short) step.get("epoch").asInt(), step.get("sequence").asInt(), records(step));
                    try {
                        LogAppendInfo info = log.appendAsLeader(batch, 0);
                        answer.put("first", info.firstOffset()).put("last", info.lastOffset());
                    } catch (RuntimeException e) {
                        answer.put("error", Errors.forException(e).name());
                    }
                }
                case "follow" -> {
                    MemoryRecords batch = MemoryRecords.withIdempotentRecords(log.logEndOffset(), Compression.NONE,
                        step.get("producerId").asLong(), (short) step.get("epoch").asInt(), step.get("sequence").asInt(), 0,
                        records(step));
                    log.appendAsFollower(batch, 0);
                    answer.put("ok", true);
                }
                case "restart" -> {
                    if (step.get("clean").asBoolean()) log.close();
                    log = open(step.get("clean").asBoolean());
                    answer.put("ok", true);
                }
                case "truncate" -> {
                    log.truncateTo(step.get("offset").asLong());
                    answer.put("ok", true);
                }
                case "kafka-snapshot" -> {
                    // The bytes of the latest snapshot file Kafka wrote in the log directory.
                    File[] files = dir.listFiles((d, name) -> name.endsWith(".snapshot"));
                    File latest = java.util.Arrays.stream(files == null ? new File[0] : files)
                        .max(java.util.Comparator.comparing(File::getName)).orElseThrow();
                    answer.put("name", latest.getName());
                    answer.put("base64", java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(latest.toPath())));
                }
                case "read-snapshot" -> {
                    // Kafka's reader on bytes written elsewhere (kspec's snapshot files).
                    File file = File.createTempFile("kspec-snapshot", ".snapshot");
                    Files.write(file.toPath(), java.util.Base64.getDecoder().decode(step.get("base64").asText()));
                    var entries = answer.putArray("entries");
                    for (ProducerStateEntry entry : ProducerStateManager.readSnapshot(file)) {
                        for (BatchMetadata batch : entry.batchMetadata())
                            entries.addObject().put("producerId", entry.producerId()).put("epoch", entry.producerEpoch())
                                .put("lastSequence", batch.lastSeq()).put("lastOffset", batch.lastOffset())
                                .put("offsetDelta", batch.offsetDelta()).put("timestamp", batch.timestamp());
                    }
                    file.delete();
                }
                default -> answer.put("failed", "unknown step " + line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answer;
    }

    public static void main(String[] args) throws Exception {
        ProducerStateProbe probe = new ProducerStateProbe();
        JsonLines.serve(probe::step);
        probe.scheduler.shutdown();
    }
}
