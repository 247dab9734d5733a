// The Java client of Kafka 4.4 (org.apache.kafka:kafka-clients:4.4.0), unchanged, in the client
// matrix (../README.md); run by Java's source launcher (`java -cp CLASSPATH Client.java ...`):
//
//   produce BOOTSTRAP TOPIC COUNT      keyed records, acks=all, idempotence on (the client's
//                                      default): prints `acked VALUE PARTITION OFFSET` per record
//   consume BOOTSTRAP TOPIC GROUP ID   a classic-protocol group member that commits synchronously
//                                      after each poll: `consumed VALUE PARTITION OFFSET`, `committed`
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class Client {
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "produce" -> produce(args[1], args[2], Integer.parseInt(args[3]));
      case "consume" -> consume(args[1], args[2], args[3], args[4]);
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  static void produce(String bootstrap, String topic, int count) throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("client.id", "matrix-producer");
    props.put("acks", "all");
    props.put("key.serializer", StringSerializer.class.getName());
    props.put("value.serializer", StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = 0; i < count; i++) sent.add(producer.send(new ProducerRecord<>(topic, "r" + i, "r" + i)));
      for (int i = 0; i < count; i++) {
        RecordMetadata meta = sent.get(i).get();
        System.out.println("acked r" + i + " " + meta.partition() + " " + meta.offset());
      }
    }
  }

  static void consume(String bootstrap, String topic, String group, String id) {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("group.id", group);
    props.put("group.protocol", "classic");
    props.put("client.id", id);
    props.put("enable.auto.commit", "false");
    props.put("auto.offset.reset", "earliest");
    props.put("max.poll.records", "20");
    props.put("key.deserializer", StringDeserializer.class.getName());
    props.put("value.deserializer", StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      while (true) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) continue;
        for (ConsumerRecord<String, String> r : records)
          System.out.println("consumed " + r.value() + " " + r.partition() + " " + r.offset());
        consumer.commitSync();
        System.out.println("committed");
        System.out.flush();
      }
    }
  }
}
