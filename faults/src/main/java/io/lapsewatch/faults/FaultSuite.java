package io.lapsewatch.faults;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the fault cases against the embedded stack and reports, per case, what was injected and what
 * was lost: {@code FaultSuite [--quick] [--only a,b] [--work-dir DIR] [--report FILE] [--doc
 * FILE]}. Exits 0 when nothing was lost and every invariant held, 1 otherwise.
 */
public final class FaultSuite {
  static final String RERUN = "bin/lapsewatch faults";

  private FaultSuite() {}

  /** Every case, in the order they run (job-side first; the delivery cases reuse their alerts). */
  static Map<String, FaultCase> cases() {
    Map<String, FaultCase> all = new LinkedHashMap<>();
    for (FaultCase c :
        List.of(
            new JobCrashCase(),
            new ServerRestartCase(ServerRestartCase.Server.REDIS),
            new ServerRestartCase(ServerRestartCase.Server.KAFKA),
            new MutatedEventsCase(),
            new HostileInputCase(HostileInputCase.Kind.FAR_FUTURE),
            new HostileInputCase(HostileInputCase.Kind.CLOCK_AHEAD),
            new HostileInputCase(HostileInputCase.Kind.ERASE),
            new HostileInputCase(HostileInputCase.Kind.IDENTITY_COLLISIONS),
            new HostileInputCase(HostileInputCase.Kind.HUGE_RECORD),
            new CorruptModelCase(),
            new DeliveryOutageCase(DeliveryOutageCase.Receiver.WEBHOOK),
            new DeliveryOutageCase(DeliveryOutageCase.Receiver.SMTP),
            new SlowClientsCase(),
            new PoisonRecordsCase())) {
      all.put(c.name(), c);
    }
    return all;
  }

  public static void main(String[] args) {
    // Before any logger exists: Kafka's test kit ships a log4j2.yaml that logs every broker step.
    System.setProperty("log4j2.configurationFile", "classpath:lapsewatch-faults-log4j2.properties");
    System.exit(run(args, System.out));
  }

  /** Runs the suite; returns the exit code. */
  public static int run(String[] args, PrintStream out) {
    boolean quick = false;
    Path workDir = Path.of("faults-out");
    Path report = Path.of("fault-report.json");
    Path doc = Path.of("docs", "fault-suite.md");
    List<String> only = new ArrayList<>(cases().keySet());
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--quick" -> quick = true;
          case "--work-dir" -> workDir = Path.of(value(args, i++));
          case "--report" -> report = Path.of(value(args, i++));
          case "--doc" -> doc = Path.of(value(args, i++));
          case "--only" -> {
            only.clear();
            for (String s : value(args, i++).split(",")) {
              if (!cases().containsKey(s.trim())) {
                throw new IllegalArgumentException(
                    "--only: unknown case '"
                        + s
                        + "'; known: "
                        + String.join(",", cases().keySet()));
              }
              only.add(s.trim());
            }
          }
          case "--help", "-h" -> {
            out.println(usage());
            return 0;
          }
          default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
        }
      }
    } catch (IllegalArgumentException e) {
      out.println("faults: " + e.getMessage());
      out.println(usage());
      return 2;
    }
    try {
      Files.createDirectories(workDir);
      Path runDir = Files.createTempDirectory(workDir, "run-");
      String command =
          RERUN
              + (quick ? " --quick" : "")
              + (only.size() < cases().size() ? " --only " + String.join(",", only) : "");
      List<FaultResult> results = runCases(runDir, quick, only, out);
      FaultReport r = new FaultReport(results, quick, command);
      r.writeJson(report);
      r.updateDoc(doc);
      out.println();
      out.println(r.markdown());
      out.println("wrote " + report + " and " + doc);
      return r.allPassed() ? 0 : 1;
    } catch (Exception e) {
      out.println("faults failed: " + e);
      e.printStackTrace(out);
      return 1;
    }
  }

  /** Starts the stack in {@code dir}, runs the named cases in order and returns their results. */
  public static List<FaultResult> runCases(
      Path dir, boolean quick, List<String> names, PrintStream out) throws Exception {
    List<FaultResult> results = new ArrayList<>();
    long t0 = System.nanoTime();
    out.println("faults: starting Kafka, Redis, training a model, producing the event stream...");
    try (FaultStack stack = FaultStack.start(dir, quick)) {
      out.printf(
          "faults: stack ready in %.0f s (%,d events)%n", secondsSince(t0), stack.events().size());
      long tr = System.nanoTime();
      FaultStack.JobOutput ref = stack.reference();
      out.printf(
          "faults: clean reference run: %,d alerts, %,d stored vectors in %.0f s%n",
          ref.alertsById().size(), ref.vectors().size(), secondsSince(tr));
      for (String name : names) {
        FaultCase c = cases().get(name);
        long start = System.nanoTime();
        out.println("faults: " + name + "...");
        FaultResult r;
        try {
          r = c.run(stack);
        } catch (Exception e) {
          r = FaultResult.crashed(name, e);
          e.printStackTrace(out);
        }
        r = r.withSeconds(secondsSince(start));
        out.printf(
            "faults: %-22s %s  lost %d of %d, duplicates %d (%.0f s)%n",
            name,
            r.passed() ? "pass" : "FAIL",
            r.lost(),
            r.expected(),
            r.duplicates(),
            r.seconds());
        results.add(r);
      }
    }
    return results;
  }

  private static double secondsSince(long t) {
    return (System.nanoTime() - t) / 1e9;
  }

  private static String value(String[] args, int i) {
    if (i + 1 >= args.length) {
      throw new IllegalArgumentException(args[i] + " needs a value");
    }
    return args[i + 1];
  }

  static String usage() {
    return "usage: faults [--quick] [--only "
        + String.join(",", cases().keySet())
        + "] [--work-dir faults-out] [--report fault-report.json] [--doc docs/fault-suite.md]";
  }
}
