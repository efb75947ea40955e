package io.lapsewatch.bench;

import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.embedded.LocalStack;
import io.lapsewatch.embedded.RedisBinary;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code bench [--quick] [--only SECTIONS] [--results FILE] [--doc FILE]}: measures LapseWatch on
 * the embedded stack in one run and writes {@code bench-results.json} and the table in {@code
 * docs/performance.md}. Every speed is reported next to a baseline measured in the same run.
 */
public final class BenchCommand {
  /** Sections in the order they run; {@code --only} picks a subset. */
  /** What a plain {@code bench} runs: all but the holdout-size sweep, which takes long. */
  static final List<String> DEFAULT_SECTIONS =
      List.of("state", "redis", "micro", "pipeline", "latency", "scale", "http", "uplift");

  static final List<String> SECTIONS =
      List.of(
          "state",
          "redis",
          "micro",
          "pipeline",
          "latency",
          "scale",
          "http",
          "uplift",
          "uplift-holdout");

  /** The command the generated part of the performance page gives to rerun a measurement. */
  static final String RERUN = "bin/lapsewatch bench";

  /** Sizes of one mode. */
  record Sizes(
      int holders,
      int sinkUpdates,
      int syncUpdates,
      int redisBenchmarkRequests,
      int sinkRepeats,
      int memorySample,
      int pipelineHolders,
      int pipelineDays,
      int largeBookHolders,
      int largeBookDays,
      int trainingHolders,
      int scaleHolders) {
    static Sizes quick() {
      return new Sizes(5_000, 100_000, 10_000, 500_000, 5, 2_000, 5_000, 180, 40_000, 90, 5_000, 0);
    }

    Sizes withScaleHolders(int n) {
      return new Sizes(
          holders,
          sinkUpdates,
          syncUpdates,
          redisBenchmarkRequests,
          sinkRepeats,
          memorySample,
          pipelineHolders,
          pipelineDays,
          largeBookHolders,
          largeBookDays,
          trainingHolders,
          n);
    }

    static Sizes full() {
      return new Sizes(
          20_000, 400_000, 40_000, 2_000_000, 7, 5_000, 20_000, 365, 80_000, 90, 20_000, 1_000_000);
    }
  }

  private BenchCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /**
   * Keeps Kafka's test kit quiet. Call before any logger exists: the kit ships a log4j2.yaml that
   * logs every broker step. A -Dlog4j2.configurationFile given on the command line wins (to see
   * Flink's warnings).
   */
  public static void useBenchLogging() {
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "classpath:lapsewatch-bench-log4j2.xml");
    }
  }

  /** Runs the benchmark; returns the process exit code (0 on success, 2 for a bad option). */
  public static int run(String[] args, PrintStream out) {
    PrintWriter w = new PrintWriter(out, true);
    return new CommandLine(new Options(out)).setOut(w).setErr(w).execute(args);
  }

  /** The command line of {@code bench}, filled by picocli. */
  @Command(
      name = "bench",
      showDefaultValues = true,
      sortOptions = false,
      description = {
        "End-to-end and micro benchmarks on the embedded stack; writes bench-results.json and the"
            + " table in docs/performance.md."
      })
  public static final class Options implements Callable<Integer> {
    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help and exit.")
    boolean help;

    private final PrintStream out;

    @Option(names = "--quick", description = "smaller sizes, for a quick look")
    boolean quick;

    @Option(
        names = "--only",
        paramLabel = "SECTIONS",
        split = ",",
        converter = SectionConverter.class,
        description =
            "run only these: state,redis,micro,pipeline,latency,scale,http,uplift,uplift-holdout")
    List<String> only = new ArrayList<>();

    @Option(
        names = "--scale-policyholders",
        paramLabel = "N",
        converter = AtLeastOne.class,
        description = "policyholders in the scale section (default: 1,000,000, full mode only)")
    Integer scaleHolders;

    @Option(
        names = "--latency-rate",
        paramLabel = "EVENTS_PER_S",
        converter = AtLeastOne.class,
        description = "events/s offered in the latency section (default: the mode's rate)")
    Integer latencyRate;

    @Option(names = "--results", paramLabel = "FILE", defaultValue = "bench-results.json")
    Path resultsFile;

    @Option(names = "--doc", paramLabel = "FILE", defaultValue = "docs/performance.md")
    Path doc;

    /** Writes progress and the results to {@code out}. */
    public Options(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() {
      useBenchLogging();
      Set<String> only =
          this.only.isEmpty()
              ? new LinkedHashSet<>(DEFAULT_SECTIONS)
              : new LinkedHashSet<>(this.only);
      return measureAndWrite(quick, resultsFile, doc, only, scaleHolders, latencyRate, out);
    }
  }

  /** Reads one {@code --only} section name; an unknown one lists the known ones. */
  static final class SectionConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String s = value.trim();
      if (!SECTIONS.contains(s)) {
        throw new TypeConversionException(
            "unknown section '" + value + "'; known: " + String.join(",", SECTIONS));
      }
      return s;
    }
  }

  /** Reads a whole number of at least 1. */
  static final class AtLeastOne implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int n = Integer.parseInt(value.trim());
        if (n >= 1) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below, with the value
      }
      throw new TypeConversionException("must be a whole number >= 1, was '" + value + "'");
    }
  }

  private static int measureAndWrite(
      boolean quick,
      Path resultsFile,
      Path doc,
      Set<String> only,
      Integer scaleHolders,
      Integer latencyRate,
      PrintStream out) {
    try {
      Sizes sizes = quick ? Sizes.quick() : Sizes.full();
      if (scaleHolders != null) {
        sizes = sizes.withScaleHolders(scaleHolders);
      }
      BenchResults results = measure(quick, sizes, only, latencyRate, out);
      results.writeJson(resultsFile);
      String command =
          RERUN
              + (quick ? " --quick" : "")
              + (!only.equals(new LinkedHashSet<>(DEFAULT_SECTIONS))
                  ? " --only " + String.join(",", only)
                  : "")
              + (scaleHolders != null ? " --scale-policyholders " + scaleHolders : "")
              + (latencyRate != null ? " --latency-rate " + latencyRate : "");
      BenchResults.updateDoc(doc, results.markdown(command));
      out.println();
      out.println(results.markdown(command));
      out.println("wrote " + resultsFile + " and " + doc);
      return 0;
    } catch (Exception e) {
      out.println("bench failed: " + e);
      e.printStackTrace(out);
      return 1;
    }
  }

  static BenchResults measure(
      boolean quick, Sizes sizes, Set<String> only, Integer latencyRate, PrintStream log)
      throws Exception {
    BenchResults results = new BenchResults(quick ? "quick" : "full");
    machineFacts(results);
    long seed = 17;
    long start = System.nanoTime();

    if (only.contains("state") || only.contains("redis")) {
      log.printf("[state/redis] simulating %,d policyholders over a full year%n", sizes.holders());
      Workloads.Book book =
          Workloads.yearOfHistory(sizes.holders(), seed, sizes.sinkUpdates(), false);
      log.printf(
          "  %,d events in %.1f s (%,.0f events/s through the simulator and the feature state)%n",
          book.eventCount(), book.seconds(), book.eventCount() / book.seconds());
      results.size("state_policyholders", sizes.holders());
      results.size("state_history_days", Workloads.FULL_YEAR);
      results.size("state_events", book.eventCount());
      RedisSinkBench redisBench = new RedisSinkBench(log, results);
      try (LocalStack servers = LocalStack.builder().withRedis().start()) {
        EmbeddedRedis redis = servers.redis();
        if (only.contains("state")) {
          redisBench.stateBytes(book);
          redisBench.redisBytes(redis, book, sizes.memorySample());
        }
        if (only.contains("redis")) {
          log.println("[redis] feature-store sink against its baselines");
          results.size("sink_updates", book.recentUpdates().size());
          results.size("sink_batch_size", RedisSinkBench.BATCH_SIZE);
          results.size("sync_hset_updates", sizes.syncUpdates());
          results.size("redis_benchmark_requests", sizes.redisBenchmarkRequests());
          redisBench.throughput(
              redis,
              book.recentUpdates(),
              sizes.syncUpdates(),
              sizes.redisBenchmarkRequests(),
              sizes.sinkRepeats());
        }
      }
    }

    if (only.contains("micro")) {
      log.println("[micro] JMH: scoring and the feature operator's per-event cost");
      new MicroBench(log, results, quick).run();
    }

    if (only.contains("pipeline")) {
      log.printf(
          "[pipeline] training a model on %,d policyholders, then the job over %,d x %d days%n",
          sizes.trainingHolders(), sizes.pipelineHolders(), sizes.pipelineDays());
      results.size("pipeline_policyholders", sizes.pipelineHolders());
      results.size("pipeline_days", sizes.pipelineDays());
      results.size("pipeline_parallelism", PipelineBench.PARALLELISM);
      Path registry = Files.createTempDirectory("lapsewatch-bench-registry");
      try {
        long t0 = System.nanoTime();
        Workloads.TrainedModel model =
            Workloads.trainLogisticRegression(sizes.trainingHolders(), seed, registry, 0);
        log.printf(
            "  model %s from %,d examples in %.1f s%n",
            model.model().version(), model.trainingExamples(), (System.nanoTime() - t0) / 1e9);
        new PipelineBench(log, results)
            .run(sizes.pipelineHolders(), sizes.pipelineDays(), seed + 1, registry);
        results.size("large_book_policyholders", sizes.largeBookHolders());
        results.size("large_book_days", sizes.largeBookDays());
        new PipelineBench(log, results)
            .runLargeBook(sizes.largeBookHolders(), sizes.largeBookDays(), seed + 2, registry);
      } finally {
        deleteTree(registry);
      }
    }
    if (only.contains("latency")) {
      // At half of the full job's measured throughput when this run measured it, unless a rate
      // is given (to find where the tail starts to grow). The large book's: the latency run
      // simulates a policyholder-year per ~55 events, so its book has tens of thousands of
      // policyholders, and the job's cost per event grows with the book (state lookups and timers
      // miss the CPU caches, fewer updates per policyholder share a feature-store write), so the
      // small book's rate is not a maximum this run could reach.
      Double max = results.value("e2e_large_book_events_per_s");
      int rate =
          latencyRate != null ? latencyRate : max == null ? 4_000 : (int) Math.max(500, max / 2);
      log.printf(
          "[latency] unbounded job fed at %,d events/s (%s)%n",
          rate,
          latencyRate != null
              ? "--latency-rate"
              : max == null
                  ? "default: pipeline not measured in this run"
                  : "half of e2e_large_book_events_per_s");
      new LatencyBench(log, results)
          .run(rate, sizes.largeBookHolders(), quick ? 60 : 90, quick ? 30 : 60, seed + 3);
    }

    if (only.contains("scale")) {
      if (sizes.scaleHolders() == 0) {
        results.notMeasured(
            "simulation_wall_s",
            "the 1,000,000-policyholder simulation runs only in the full mode (without --quick)"
                + " or with --scale-policyholders N");
      } else {
        log.printf("[scale] simulating %,d policyholders over a year%n", sizes.scaleHolders());
        results.size("scale_policyholders", sizes.scaleHolders());
        new SimulationScaleBench(log, results).run(sizes.scaleHolders(), Workloads.FULL_YEAR, seed);
      }
    }
    if (only.contains("http")) {
      int slowClients = quick ? 50 : 150;
      log.printf(
          "[http] alerts service's HTTP port with 0 and %d slow clients held%n", slowClients);
      results.size("http_slow_clients", slowClients);
      results.size("http_requests", quick ? 200 : 1_000);
      new HttpBench(log, results).run(slowClients, quick ? 200 : 1_000);
    }
    if (only.contains("uplift")) {
      UpliftBench.Settings us =
          quick
              ? new UpliftBench.Settings(8_000, Workloads.FULL_YEAR, 3, 0.3, 0.3, true)
              : new UpliftBench.Settings(10_000, Workloads.FULL_YEAR, 5, 0.3, 0.3, false);
      log.printf(
          "[uplift] uplift vs risk vs random ranking, %,d policyholders x %d days, %d seeds per"
              + " world%n",
          us.holders(), us.days(), us.seeds());
      Path registry = Files.createTempDirectory("lapsewatch-bench-uplift");
      try {
        Workloads.TrainedModel churn =
            Workloads.trainLogisticRegression(sizes.trainingHolders(), seed, registry, 0);
        results.size("uplift_churn_model_policyholders", sizes.trainingHolders());
        new UpliftBench(log, results).run(us, churn.model());
      } finally {
        deleteTree(registry);
      }
    }
    if (only.contains("uplift-holdout")) {
      // How many holdout outcomes the uplift model needs before it beats the risk ranking.
      int[] books =
          quick
              ? new int[] {1_000, 2_000, 4_000, 8_000}
              : new int[] {1_000, 2_000, 4_000, 8_000, 16_000};
      UpliftBench.Settings us =
          new UpliftBench.Settings(0, Workloads.FULL_YEAR, quick ? 2 : 3, 0.3, 0.3, true);
      log.printf(
          "[uplift-holdout] uplift/risk saves by learning-book size %s, %d seeds per size%n",
          java.util.Arrays.toString(books), us.seeds());
      Path registry = Files.createTempDirectory("lapsewatch-bench-uplift-holdout");
      try {
        Workloads.TrainedModel churn =
            Workloads.trainLogisticRegression(sizes.trainingHolders(), seed, registry, 0);
        new UpliftBench(log, results).holdoutCurve(us, churn.model(), books);
      } finally {
        deleteTree(registry);
      }
    }
    results.machine(
        "load average after",
        String.format(
            Locale.ROOT,
            "%.2f",
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    results.machine(
        "benchmark wall time",
        String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - start) / 1e9));
    return results;
  }

  /** Facts about the machine every figure depends on; never a path or a host name. */
  static void machineFacts(BenchResults results) {
    Runtime rt = Runtime.getRuntime();
    results.machine("cores", rt.availableProcessors());
    cpuModel().ifPresent(m -> results.machine("cpu", m));
    results.machine(
        "JVM",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    results.machine("max heap", rt.maxMemory() / 1048576 + " MB");
    results.machine("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    results.machine("redis-server", redisServerVersion());
    results.machine(
        "load average before",
        String.format(
            Locale.ROOT,
            "%.2f",
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
  }

  private static java.util.Optional<String> cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return java.util.Optional.empty();
    }
    try (Stream<String> lines = Files.lines(cpuinfo, StandardCharsets.UTF_8)) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  private static String redisServerVersion() {
    try {
      Process p =
          new ProcessBuilder(RedisBinary.locate().toString(), "--version")
              .redirectErrorStream(true)
              .start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      for (String word : text.split("\\s+")) {
        if (word.startsWith("v=")) {
          return word.substring(2);
        }
      }
      return text.trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown (interrupted)";
    }
  }

  /**
   * Deletes a temporary folder and everything in it; a missing folder or file is fine (Flink may
   * still be removing a subsumed checkpoint when a finished job's folder is cleaned up).
   */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> s = Files.walk(root)) {
      paths = new ArrayList<>(s.sorted(Comparator.reverseOrder()).toList());
    } catch (java.io.UncheckedIOException e) {
      if (!(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
        throw e;
      }
      deleteTree(root); // a file went away while listed: list again
      return;
    }
    for (Path p : paths) {
      Files.deleteIfExists(p);
    }
  }
}
