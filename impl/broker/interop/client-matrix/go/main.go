// franz-go's kgo, unchanged, in the client matrix (../README.md):
//
//	kgo-client produce BOOTSTRAP TOPIC COUNT    acks=all, idempotent (kgo's default): prints
//	                                            `acked VALUE PARTITION OFFSET` per record
//	kgo-client consume BOOTSTRAP TOPIC GROUP ID a group member (classic protocol) that commits
//	                                            synchronously after each poll: prints
//	                                            `consumed VALUE PARTITION OFFSET`, then `committed`
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/twmb/franz-go/pkg/kgo"
)

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func produce(bootstrap, topic string, count int) {
	client, err := kgo.NewClient(kgo.SeedBrokers(strings.Split(bootstrap, ",")...), kgo.ClientID("matrix-producer"),
		kgo.RequiredAcks(kgo.AllISRAcks()), kgo.DefaultProduceTopic(topic))
	if err != nil {
		fail("kgo: %v", err)
	}
	defer client.Close()
	var wg sync.WaitGroup
	var mu sync.Mutex
	lines := make([]string, count)
	for i := 0; i < count; i++ {
		wg.Add(1)
		value := fmt.Sprintf("r%d", i)
		index := i
		client.Produce(context.Background(), &kgo.Record{Key: []byte(value), Value: []byte(value)}, func(r *kgo.Record, err error) {
			defer wg.Done()
			if err != nil {
				fail("produce %s: %v", value, err)
			}
			mu.Lock()
			lines[index] = fmt.Sprintf("acked %s %d %d", value, r.Partition, r.Offset)
			mu.Unlock()
		})
	}
	wg.Wait()
	for _, line := range lines {
		fmt.Println(line)
	}
}

func consume(bootstrap, topic, group, id string) {
	client, err := kgo.NewClient(kgo.SeedBrokers(strings.Split(bootstrap, ",")...), kgo.ClientID(id),
		kgo.ConsumerGroup(group), kgo.ConsumeTopics(topic), kgo.DisableAutoCommit(),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		fail("kgo: %v", err)
	}
	defer client.Close()
	ctx := context.Background()
	for {
		fetches := client.PollRecords(ctx, 20)
		fetches.EachError(func(t string, p int32, err error) { fmt.Fprintf(os.Stderr, "fetch %s/%d: %v\n", t, p, err) })
		records := fetches.Records()
		if len(records) == 0 {
			continue
		}
		for _, r := range records {
			fmt.Printf("consumed %s %d %d\n", r.Value, r.Partition, r.Offset)
		}
		if err := client.CommitRecords(ctx, records...); err != nil {
			fmt.Fprintf(os.Stderr, "commit: %v\n", err)
			continue
		}
		fmt.Println("committed")
	}
}

func main() {
	if len(os.Args) < 2 {
		fail("usage: kgo-client produce|consume ...")
	}
	switch args := os.Args[2:]; os.Args[1] {
	case "produce":
		count, err := strconv.Atoi(args[2])
		if err != nil {
			fail("count: %v", err)
		}
		produce(args[0], args[1], count)
	case "consume":
		consume(args[0], args[1], args[2], args[3])
	default:
		fail("unknown command %s", os.Args[1])
	}
}
