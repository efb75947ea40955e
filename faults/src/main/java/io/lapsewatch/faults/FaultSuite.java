package io.lapsewatch.faults;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Runs the fault cases against the embedded stack and reports, per case, what was injected and what
 * was lost: {@code faults [--quick] [--only a,b] [--work-dir DIR] [--report FILE] [--doc FILE]}.
 * Exits 0 when nothing was lost and every invariant held, 1 otherwise.
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
            new JourneyRestartCase(),
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
    System.exit(run(args, System.out));
  }

  /**
   * Keeps Kafka's test kit quiet; call before any logger exists (it ships a chatty log4j2.yaml).
   */
  public static void useFaultsLogging() {
    System.setProperty("log4j2.configurationFile", "classpath:lapsewatch-faults-log4j2.properties");
  }

  /** Runs the suite; returns the exit code (2 for a bad option). */
  public static int run(String[] args, PrintStream out) {
    PrintWriter w = new PrintWriter(out, true);
    return new CommandLine(new Options(out)).setOut(w).setErr(w).execute(args);
  }

  /** The command line of {@code faults}, filled by picocli. */
  @Command(
      name = "faults",
      showDefaultValues = true,
      sortOptions = false,
      description = {
        "Fault-injection suite (crashes, restarts, outages, mutated events, corrupt model): what"
            + " was lost; writes fault-report.json and docs/fault-suite.md."
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
        paramLabel = "CASE",
        split = ",",
        converter = CaseConverter.class,
        description = "run only these cases, in the order given")
    List<String> only = new ArrayList<>();

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "faults-out")
    Path workDir;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "fault-report.json")
    Path report;

    @Option(names = "--doc", paramLabel = "FILE", defaultValue = "docs/fault-suite.md")
    Path doc;

    /** Writes progress and the report to {@code out}. */
    public Options(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() {
      useFaultsLogging();
      List<String> only = this.only.isEmpty() ? new ArrayList<>(cases().keySet()) : this.only;
      return runAndReport(quick, workDir, report, doc, only, out);
    }
  }

  /** Reads one {@code --only} case name; an unknown one lists the known ones. */
  static final class CaseConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String s = value.trim();
      if (!cases().containsKey(s)) {
        throw new TypeConversionException(
            "unknown case '" + value + "'; known: " + String.join(",", cases().keySet()));
      }
      return s;
    }
  }

  private static int runAndReport(
      boolean quick, Path workDir, Path report, Path doc, List<String> only, PrintStream out) {
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
          "faults: clean reference run: %,d alerts, %,d stored vectors in %.0f s;"
              + " journeys: %,d entered, %,d steps taken, %,d exited%n",
          ref.alertsById().size(),
          ref.vectors().size(),
          secondsSince(tr),
          JourneySteps.total(ref.journeys(), "entered"),
          JourneySteps.total(ref.journeys(), "taken"),
          JourneySteps.total(ref.journeys(), "exited"));
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
}
