package io.lapsewatch.alerts.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Runs {@code promtool test rules} on the alert rules' unit tests in {@code deploy/prometheus}, and
 * checks that every alert rule has a case there that fires. Fails (never skips) without promtool: a
 * build that cannot check the rules must say so.
 */
class PromtoolRulesTest {
  private static final Path RULES = Path.of("..", "deploy", "prometheus", "rules");
  private static final String INSTALL =
      "promtool is not on the PATH; install it with"
          + " `apt-get install -y --no-install-recommends prometheus` (Debian/Ubuntu; .ci/run"
          + " does this) or put the promtool of a Prometheus release on the PATH";

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(Path p) throws IOException {
    return (Map<String, Object>)
        new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(p));
  }

  @SuppressWarnings("unchecked")
  private static Set<String> alertRules() throws IOException {
    Set<String> names = new TreeSet<>();
    for (Map<String, Object> g :
        (List<Map<String, Object>>) yaml(RULES.resolve("lapsewatch-rules.yml")).get("groups")) {
      for (Map<String, Object> r : (List<Map<String, Object>>) g.get("rules")) {
        if (r.containsKey("alert")) {
          names.add(String.valueOf(r.get("alert")));
        }
      }
    }
    return names;
  }

  /** Alert names with at least one test case that expects them to fire. */
  @SuppressWarnings("unchecked")
  private static Set<String> testedFiring() throws IOException {
    Set<String> names = new TreeSet<>();
    for (Map<String, Object> t :
        (List<Map<String, Object>>) yaml(RULES.resolve("lapsewatch-rules.test.yml")).get("tests")) {
      for (Map<String, Object> c :
          (List<Map<String, Object>>) t.getOrDefault("alert_rule_test", List.of())) {
        if (!((List<?>) c.getOrDefault("exp_alerts", List.of())).isEmpty()) {
          names.add(String.valueOf(c.get("alertname")));
        }
      }
    }
    return names;
  }

  @Test
  void shouldHaveAFiringTestCaseForEveryAlertRule() throws Exception {
    assertThat(alertRules()).contains("LapseWatchAlertsServiceDown");
    assertThat(testedFiring()).isEqualTo(alertRules());
  }

  /** Runs {@code program test rules} on the rules' tests; fails with the install hint if absent. */
  static String promtoolTestRules(String program) throws Exception {
    Process p;
    try {
      p =
          new ProcessBuilder(program, "test", "rules", "lapsewatch-rules.test.yml")
              .directory(RULES.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      return fail(INSTALL + " (" + e.getMessage() + ")");
    }
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("promtool test rules did not finish within two minutes; output so far:\n" + output);
    }
    assertThat(p.exitValue()).as("promtool test rules exit code; output:\n%s", output).isZero();
    return output;
  }

  @Test
  void shouldPassPromtoolsUnitTestsOfTheRules() throws Exception {
    assertThat(promtoolTestRules("promtool")).contains("SUCCESS").doesNotContain("FAILED");
  }

  @Test
  void shouldFailWithTheInstallHintWithoutPromtool() {
    assertThatThrownBy(() -> promtoolTestRules("promtool-not-installed-here"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("apt-get install -y --no-install-recommends prometheus");
  }
}
