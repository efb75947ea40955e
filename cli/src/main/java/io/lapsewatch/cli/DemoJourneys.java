package io.lapsewatch.cli;

import io.lapsewatch.journeys.plan.JourneyPlan;
import io.lapsewatch.journeys.plan.PlanLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The journey plans file the demo runs: the one given with {@code --journeys}, else the shipped
 * {@code deploy/journeys/retention-journeys.yaml}, which the build puts on the class path (cli's
 * pom) and the demo writes into its work folder, so a fresh clone needs nothing else.
 */
final class DemoJourneys {
  /** The shipped plans on the class path. */
  static final String SHIPPED = "journeys/retention-journeys.yaml";

  private DemoJourneys() {}

  /**
   * The plans file to give the job: {@code given}, checked now so a bad file fails before anything
   * starts, or the shipped one written to {@code workDir}.
   */
  static Path prepare(Path given, Path workDir) throws IOException {
    Path file;
    if (given != null) {
      if (!Files.isRegularFile(given)) {
        throw new IllegalArgumentException("--journeys: no such file: " + given);
      }
      file = given.toAbsolutePath();
    } else {
      file = workDir.resolve("retention-journeys.yaml").toAbsolutePath();
      try (InputStream in = DemoJourneys.class.getClassLoader().getResourceAsStream(SHIPPED)) {
        if (in == null) {
          throw new IllegalStateException(
              SHIPPED + " is not on the class path; rebuild cli (it copies deploy/journeys)");
        }
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    // Throws PlanException naming the key and value, as the job would at start.
    PlanLoader.load(file);
    return file;
  }

  /** The plans in {@code file}, in file order, e.g. for "high-value-callback v1, ...". */
  static List<JourneyPlan> plans(Path file) {
    return PlanLoader.load(file).all();
  }

  /** The plans in {@code file}, e.g. "high-value-callback v1, standard-renewal v1". */
  static String describe(Path file) {
    return plans(file).stream().map(JourneyPlan::label).collect(Collectors.joining(", "));
  }
}
