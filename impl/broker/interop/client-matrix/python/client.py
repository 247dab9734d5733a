"""kafka-python, unchanged, in the client matrix (impl/broker/interop/client-matrix/README.md).

  client.py produce BOOTSTRAP TOPIC COUNT        acks=all (and idempotence, kafka-python's default):
                                                 prints `acked VALUE PARTITION OFFSET` per record
  client.py consume BOOTSTRAP TOPIC GROUP ID     a group member that commits synchronously after
                                                 each poll: prints `consumed VALUE PARTITION OFFSET`
                                                 then `committed` per poll, until killed
"""
import sys

from kafka import KafkaConsumer, KafkaProducer


def produce(bootstrap, topic, count):
    producer = KafkaProducer(bootstrap_servers=bootstrap.split(","), acks="all", client_id="matrix-producer")
    futures = [(f"r{i}", producer.send(topic, key=f"r{i}".encode(), value=f"r{i}".encode())) for i in range(count)]
    for value, future in futures:
        meta = future.get(timeout=60)
        print(f"acked {value} {meta.partition} {meta.offset}", flush=True)
    producer.close()


def consume(bootstrap, topic, group, client_id):
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=bootstrap.split(","),
        group_id=group,
        client_id=client_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_poll_records=20,
    )
    while True:
        batches = consumer.poll(timeout_ms=500)
        if not batches:
            continue
        for records in batches.values():
            for record in records:
                print(f"consumed {record.value.decode()} {record.partition} {record.offset}", flush=True)
        consumer.commit()
        print("committed", flush=True)


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "produce":
        produce(args[0], args[1], int(args[2]))
    elif command == "consume":
        consume(*args)
    else:
        sys.exit(f"unknown command {command}")
