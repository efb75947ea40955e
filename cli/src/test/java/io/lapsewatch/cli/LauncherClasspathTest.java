package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * bin/lapsewatch starts one Main on this module's class path for every command, so that class path
 * must hold what each command runs: the alerts service's HTTP server (which the job's own
 * dependency on the alerts module leaves out), the benchmark and the fault suite.
 */
class LauncherClasspathTest {
  @Test
  void holdsTheAlertsServicesHttpServer() {
    assertThatCode(() -> Class.forName("org.eclipse.jetty.server.Server"))
        .doesNotThrowAnyException();
    assertThatCode(() -> Class.forName("org.eclipse.jetty.util.thread.Scheduler"))
        .doesNotThrowAnyException();
  }

  @Test
  void holdsTheBenchmarkAndTheFaultSuiteWithTheirLogSettings() {
    assertThatCode(() -> Class.forName("io.lapsewatch.bench.BenchCommand"))
        .doesNotThrowAnyException();
    assertThatCode(() -> Class.forName("io.lapsewatch.faults.FaultSuite"))
        .doesNotThrowAnyException();
    assertThat(getClass().getResource("/lapsewatch-bench-log4j2.xml")).isNotNull();
    assertThat(getClass().getResource("/lapsewatch-faults-log4j2.properties")).isNotNull();
  }

  @Test
  void launchesOnlyThisModulesMainOnThisModulesClassPath() throws IOException {
    String script = Files.readString(Path.of("..", "bin", "lapsewatch"));

    assertThat(script).contains(Main.class.getName());
    Matcher mains = Pattern.compile("io\\.lapsewatch\\.[a-z.]+\\.[A-Z]\\w+").matcher(script);
    while (mains.find()) {
      assertThat(mains.group()).isEqualTo(Main.class.getName());
    }
    assertThat(script).contains("cli/target/classpath.txt").doesNotContain("bench/target");
    assertThat(script).doesNotContain("faults/target").contains("LAPSEWATCH_JAVA_OPTS");
  }
}
