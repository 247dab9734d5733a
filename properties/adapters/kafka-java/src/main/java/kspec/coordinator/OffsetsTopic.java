package kspec.coordinator;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Who leads each __consumer_offsets partition, placed and elected as kspec's reference broker does
 * (impl/controller: placement.ts, election.ts; impl/cluster/group-hosting.ts): the topic is created
 * on the first group request with replication factor min(offsets.topic.replication.factor, live
 * brokers), replicas by assignReplicas with start and shift drawn from the controller's seeded
 * stream (impl/sim/random.ts, mulberry32, derived 'controller'), which earlier topics also drew from.
 * A fenced broker leaves every ISR (unless it is the last member); a leader's partition goes to the
 * first live in-sync replica, or to none; a restarted replica leads a leaderless partition whose ISR
 * holds it, and rejoins the ISR of a led one (the offsets topic is replicated eagerly).
 */
final class OffsetsTopic {
  static final int NONE = -1;
  private final int brokers;
  private final int replicationFactor;
  private final int partitions;
  private final boolean[] alive;
  private final Random controller;
  private int[][] replicas;
  private List<List<Integer>> isr;
  private int[] leader;

  OffsetsTopic(long seed, int brokers, int replicationFactor, int partitions) {
    this.brokers = brokers;
    this.replicationFactor = replicationFactor;
    this.partitions = partitions;
    this.alive = new boolean[brokers];
    java.util.Arrays.fill(alive, true);
    this.controller = new Random(seed).derive("controller");
  }

  int liveBrokers() {
    int n = 0;
    for (boolean a : alive) if (a) n++;
    return n;
  }

  boolean exists() {
    return replicas != null;
  }

  /** A topic created or grown through the controller before the offsets topic: it drew start and shift. */
  void otherTopicPlaced() {
    if (exists()) return;
    int n = liveBrokers();
    if (n < 1) return;
    controller.nextInt(n);
    controller.nextInt(n);
  }

  /** FindCoordinator's ensureOffsetsTopic. */
  void ensure() {
    if (exists()) return;
    List<Integer> live = new ArrayList<>();
    for (int b = 0; b < brokers; b++) if (alive[b]) live.add(b);
    int rf = Math.min(replicationFactor, live.size());
    if (rf < 1) return;
    int n = live.size();
    int start = controller.nextInt(n);
    int shift0 = controller.nextInt(n);
    replicas = new int[partitions][];
    isr = new ArrayList<>();
    leader = new int[partitions];
    for (int p = 0; p < partitions; p++) {
      int first = (start + p) % n;
      int shift = shift0 + p / n;
      int[] r = new int[rf];
      r[0] = live.get(first);
      for (int j = 0; j < rf - 1; j++) {
        int offset = n > 1 ? 1 + ((shift + j) % (n - 1)) : 0;
        r[j + 1] = live.get((first + offset) % n);
      }
      replicas[p] = r;
      List<Integer> in = new ArrayList<>();
      for (int b : r) in.add(b);
      isr.add(in);
      leader[p] = r[0];
    }
  }

  int leader(int partition) {
    return exists() ? leader[partition] : NONE;
  }

  boolean isAlive(int broker) {
    return broker >= 0 && broker < brokers && alive[broker];
  }

  /** broker-failure: the partitions whose leader moved (or went), in order. */
  List<Integer> fenced(int broker) {
    List<Integer> moved = new ArrayList<>();
    if (broker < 0 || broker >= brokers) return moved;
    alive[broker] = false;
    if (!exists()) return moved;
    for (int p = 0; p < partitions; p++) {
      if (!holds(p, broker)) continue;
      List<Integer> in = isr.get(p);
      if (in.contains(broker) && in.size() > 1) in.remove(Integer.valueOf(broker));
      if (leader[p] == broker) {
        leader[p] = electable(p);
        if (leader[p] != NONE) in.removeIf(b -> !alive[b]);
        moved.add(p);
      }
    }
    return moved;
  }

  /** broker-restart: the partitions that got a leader again. */
  List<Integer> unfenced(int broker) {
    List<Integer> led = new ArrayList<>();
    if (broker < 0 || broker >= brokers) return led;
    alive[broker] = true;
    if (!exists()) return led;
    for (int p = 0; p < partitions; p++) {
      if (!holds(p, broker)) continue;
      if (leader[p] == NONE) {
        leader[p] = electable(p);
        if (leader[p] != NONE) {
          isr.get(p).removeIf(b -> !alive[b]);
          led.add(p);
        }
      } else if (!isr.get(p).contains(broker)) {
        TreeSet<Integer> order = new TreeSet<>(isr.get(p));
        order.add(broker);
        List<Integer> in = new ArrayList<>();
        for (int b : replicas[p]) if (order.contains(b)) in.add(b);
        isr.set(p, in);
      }
    }
    return led;
  }

  private boolean holds(int p, int broker) {
    for (int b : replicas[p]) if (b == broker) return true;
    return false;
  }

  private int electable(int p) {
    for (int b : replicas[p]) if (alive[b] && isr.get(p).contains(b)) return b;
    return NONE;
  }

  /** impl/sim/random.ts SeededRandom over impl/log/fs/random.ts mulberry32. */
  static final class Random {
    private final int seed;
    private int state;

    Random(long seed) {
      this.seed = (int) seed;
      this.state = (int) seed;
    }

    double next() {
      state = state + 0x6d2b79f5;
      int t = state;
      t = (t ^ (t >>> 15)) * (t | 1);
      t ^= t + (t ^ (t >>> 7)) * (t | 61);
      return ((t ^ (t >>> 14)) & 0xffffffffL) / 4294967296.0;
    }

    int nextInt(int bound) {
      return (int) Math.floor(next() * bound);
    }

    Random derive(String label) {
      int hash = 0x811c9dc5 ^ seed;
      for (int i = 0; i < label.length(); i++) hash = (hash ^ label.charAt(i)) * 0x01000193;
      return new Random(hash & 0xffffffffL);
    }
  }
}
