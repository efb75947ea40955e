package io.lapsewatch.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A Redis Cluster of real {@code redis-server} masters on loopback (no replicas), for the cluster
 * ITCases and benchmarks. The 16384 hash slots are split evenly between the masters.
 */
public final class EmbeddedRedisCluster implements AutoCloseable {
  /** Hash slots of every Redis Cluster. */
  public static final int SLOTS = 16384;

  /** Redis Cluster listens for its node-to-node bus on the client port plus this offset. */
  private static final int BUS_PORT_OFFSET = 10_000;

  // Slots per CLUSTER ADDSLOTS call: redis 6.2 (the shipped binary) has no ADDSLOTSRANGE, and
  // one call with all slots of a node would be a needlessly large command.
  private static final int ADDSLOTS_BATCH = 1024;

  private final List<EmbeddedRedis> masters;

  private EmbeddedRedisCluster(List<EmbeddedRedis> masters) {
    this.masters = List.copyOf(masters);
  }

  /** Starts a three-master cluster. */
  public static EmbeddedRedisCluster start() throws IOException {
    return start(3, Duration.ofSeconds(5));
  }

  /**
   * Starts {@code masterCount} masters, assigns the slots, joins them and waits until every node
   * reports {@code cluster_state:ok}.
   *
   * @param nodeTimeout {@code cluster-node-timeout}: how long a node may be unreachable before it
   *     is considered failing
   */
  public static EmbeddedRedisCluster start(int masterCount, Duration nodeTimeout)
      throws IOException {
    if (masterCount < 1 || masterCount > 32) {
      throw new IllegalArgumentException("masters must be in 1..32, was " + masterCount);
    }
    List<EmbeddedRedis> started = new ArrayList<>();
    try {
      for (int i = 0; i < masterCount; i++) {
        int port = freePortWithBusPort(started);
        started.add(
            EmbeddedRedis.start(
                port,
                List.of(
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    "nodes-" + port + ".conf",
                    "--cluster-node-timeout",
                    Long.toString(nodeTimeout.toMillis()))));
      }
      EmbeddedRedisCluster result = new EmbeddedRedisCluster(started);
      result.assignSlots();
      result.meet();
      result.awaitOk(Duration.ofSeconds(30));
      return result;
    } catch (IOException | RuntimeException e) {
      // Never leave orphan redis-server processes behind a failed start.
      started.forEach(EmbeddedRedis::close);
      throw e;
    }
  }

  private void assignSlots() {
    int n = masters.size();
    for (int i = 0; i < n; i++) {
      int from = (int) ((long) SLOTS * i / n);
      int to = (int) ((long) SLOTS * (i + 1) / n);
      try (Jedis jedis = connect(masters.get(i))) {
        for (int start = from; start < to; start += ADDSLOTS_BATCH) {
          int end = Math.min(to, start + ADDSLOTS_BATCH);
          int[] batch = new int[end - start];
          for (int s = start; s < end; s++) {
            batch[s - start] = s;
          }
          jedis.clusterAddSlots(batch);
        }
      }
    }
  }

  private void meet() {
    try (Jedis first = connect(masters.get(0))) {
      for (int i = 1; i < masters.size(); i++) {
        first.clusterMeet("127.0.0.1", masters.get(i).port());
      }
    }
  }

  /**
   * Waits until every node knows every other node, sees all slots served and reports {@code
   * cluster_state:ok}.
   */
  public void awaitOk(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      boolean allOk = true;
      for (EmbeddedRedis node : masters) {
        String info;
        try (Jedis jedis = connect(node)) {
          info = jedis.clusterInfo();
        } catch (RuntimeException e) {
          info = "unreachable: " + e.getMessage();
        }
        if (!info.contains("cluster_state:ok")
            || !info.contains("cluster_slots_ok:" + SLOTS)
            || !info.contains("cluster_known_nodes:" + masters.size())) {
          allOk = false;
          last = "port " + node.port() + ": " + summary(info);
          break;
        }
      }
      if (allOk) {
        return;
      }
      sleep(50);
    }
    throw new IOException(
        "redis cluster on ports " + ports() + " not ok within " + timeout + "; last seen " + last);
  }

  private static String summary(String clusterInfo) {
    return clusterInfo
        .lines()
        .filter(
            l ->
                l.startsWith("cluster_state")
                    || l.startsWith("cluster_slots_ok")
                    || l.startsWith("cluster_known_nodes")
                    || l.startsWith("unreachable"))
        .collect(Collectors.joining(", "));
  }

  private static Jedis connect(EmbeddedRedis node) {
    // RESP2 explicitly: the plain Jedis connection cannot negotiate RESP3 and warns on every open.
    return new Jedis(
        new HostAndPort("127.0.0.1", node.port()),
        DefaultJedisClientConfig.builder()
            .timeoutMillis(5_000)
            .autoNegotiateProtocol(false)
            .build());
  }

  /** The masters, in slot order (the first serves slot 0). */
  public List<EmbeddedRedis> masters() {
    return masters;
  }

  /** Client ports of the masters, in slot order. */
  public List<Integer> ports() {
    return masters.stream().map(EmbeddedRedis::port).collect(Collectors.toList());
  }

  /** Seed URL naming every master: {@code redis://127.0.0.1:p1,127.0.0.1:p2,...}. */
  public String url() {
    return "redis://"
        + masters.stream().map(m -> "127.0.0.1:" + m.port()).collect(Collectors.joining(","));
  }

  /** Kills every node. */
  @Override
  public void close() {
    for (EmbeddedRedis m : masters) {
      m.close();
    }
  }

  /**
   * A port free on loopback whose cluster bus port (port + 10000) is free and valid too: redis 6.2
   * cannot configure the bus port separately, and ephemeral ports above 55535 have no valid one.
   */
  private static int freePortWithBusPort(List<EmbeddedRedis> taken) throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 50_000);
      boolean clash =
          taken.stream()
              .anyMatch(r -> Math.abs(r.port() - port) == BUS_PORT_OFFSET || r.port() == port);
      if (!clash && bindable(port) && bindable(port + BUS_PORT_OFFSET)) {
        return port;
      }
    }
    throw new IOException("no free loopback port pair (p, p+10000) found in 20000..60000");
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(long ms) throws IOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for the redis cluster", e);
    }
  }
}
