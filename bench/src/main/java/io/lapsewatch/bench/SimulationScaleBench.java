package io.lapsewatch.bench;

import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;

/**
 * A large simulated book (e.g. a million policyholders over a year) run through the feature engine
 * the job uses: every event is encoded as contract-v1 JSON (thrown away), folded into its
 * policyholder's state and turned into a feature vector. Wall time, events per second, peak heap
 * and the total keyed-state size, showing that memory grows with policyholders, not with events.
 */
final class SimulationScaleBench {
  static final String SECTION = "scale";

  private final PrintStream log;
  private final BenchResults results;

  SimulationScaleBench(PrintStream log, BenchResults results) {
    this.log = log;
    this.results = results;
  }

  void run(int holders, int days, long seed) {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long gcCount = gcCount();
    long gcMillis = gcMillis();
    LiveHeap live = LiveHeap.watch();
    long[] bytes = {0};
    // The job's keyed state for the whole book, kept as objects like the heap state backend.
    java.util.Map<String, io.lapsewatch.featurestore.features.PolicyholderState> states =
        new java.util.HashMap<>(holders * 2);
    double[] checksum = {0};
    long t0 = System.nanoTime();
    long events;
    // The encoded text goes nowhere: this times the simulator and the JSON encoding, not a disk.
    try (BufferedWriter out =
        new BufferedWriter(
            new OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8),
            1 << 16)) {
      events =
          new Simulator(SimulationConfig.of(holders, days, seed))
              .run(
                  e -> {
                    String json = EventCodec.toJson(e);
                    io.lapsewatch.featurestore.features.PolicyholderState state =
                        states.computeIfAbsent(
                            e.policyholderId,
                            k -> new io.lapsewatch.featurestore.features.PolicyholderState());
                    state.apply(e);
                    checksum[0] += state.vector(e.policyholderId, e.occurredAt).values[0];
                    bytes[0] += json.length() + 1;
                    try {
                      out.write(json);
                      out.write('\n');
                    } catch (IOException ex) {
                      throw new UncheckedIOException(ex);
                    }
                  },
                  day -> {
                    if (day % 60 == 0) {
                      log.printf(
                          "  day %d of %d, %.0f s%n", day, days, (System.nanoTime() - t0) / 1e9);
                    }
                  });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    live.stop();
    long stateBytes = 0;
    for (io.lapsewatch.featurestore.features.PolicyholderState st : states.values()) {
      stateBytes += st.toBytes().length;
    }
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    String what = String.format("%,d policyholders x %d days", holders, days);
    results.figure(
        SECTION,
        "simulation_wall_s",
        seconds,
        "s",
        what
            + ": simulate, encode every event as contract-v1 JSON to a null stream, apply it to"
            + " its policyholder's feature state and compute the vector, one thread (checksum "
            + String.format("%.0f", checksum[0])
            + ")");
    results.figure(
        SECTION,
        "simulation_state_mb",
        stateBytes / 1048576.0,
        "MB",
        String.format(
            "%,d policyholders' feature states at the end, serialized (PolicyholderState.toBytes,"
                + " what RocksDB would hold before its own overhead)",
            states.size()));
    results.figure(
        SECTION,
        "simulation_events",
        events,
        "events",
        what + String.format(", %,d MB of NDJSON", bytes[0] >> 20));
    results.figure(
        SECTION,
        "simulation_events_per_s",
        events / seconds,
        "events/s",
        "simulation_events / simulation_wall_s");
    results.figure(
        SECTION,
        "simulation_peak_heap_mb",
        peakHeap / 1048576.0,
        "MB",
        "sum of the heap pools' peak used (MemoryPoolMXBean, reset before the run; an upper"
            + " bound of the true simultaneous peak) with max heap "
            + Runtime.getRuntime().maxMemory() / 1048576
            + " MB");
    results.figure(
        SECTION,
        "simulation_peak_live_heap_mb",
        live.peakBytes() / 1048576.0,
        "MB",
        "largest heap in use right after a garbage collection during the run (GC notifications):"
            + " what the run really needs, unlike the peak used, which grows with the allowed heap");
    results.figure(
        SECTION,
        "simulation_gc_s",
        (gcMillis() - gcMillis) / 1000.0,
        "s",
        String.format("time in %,d garbage collections during the run", gcCount() - gcCount));
    log.printf(
        "  %s: %,d events in %.1f s, peak heap %.0f MB%n",
        what, events, seconds, peakHeap / 1048576.0);
  }

  /** Tracks the heap in use right after each garbage collection (live data plus little else). */
  static final class LiveHeap implements javax.management.NotificationListener {
    private final java.util.List<javax.management.NotificationEmitter> emitters =
        new java.util.ArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong peak =
        new java.util.concurrent.atomic.AtomicLong();

    static LiveHeap watch() {
      LiveHeap w = new LiveHeap();
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof javax.management.NotificationEmitter e) {
          e.addNotificationListener(w, null, null);
          w.emitters.add(e);
        }
      }
      return w;
    }

    @Override
    public void handleNotification(javax.management.Notification n, Object handback) {
      if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
          .equals(n.getType())) {
        return;
      }
      com.sun.management.GarbageCollectionNotificationInfo info =
          com.sun.management.GarbageCollectionNotificationInfo.from(
              (javax.management.openmbean.CompositeData) n.getUserData());
      long used = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        java.lang.management.MemoryUsage after =
            info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
        if (pool.getType() == MemoryType.HEAP && after != null) {
          used += after.getUsed();
        }
      }
      peak.accumulateAndGet(used, Math::max);
    }

    void stop() {
      for (javax.management.NotificationEmitter e : emitters) {
        try {
          e.removeNotificationListener(this);
        } catch (javax.management.ListenerNotFoundException e2) {
          throw new IllegalStateException("GC listener vanished from " + e, e2);
        }
      }
    }

    long peakBytes() {
      return peak.get();
    }
  }

  private static long gcCount() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  private static long gcMillis() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionTime());
    }
    return n;
  }
}
