package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/**
 * The launcher runs the alerts service (demo, {@code alerts}), so its classpath must hold the
 * service's HTTP server, which the job's own dependency on the alerts module leaves out.
 */
class LauncherClasspathTest {
  @Test
  void holdsTheAlertsServicesHttpServer() {
    assertThatCode(() -> Class.forName("org.eclipse.jetty.server.Server"))
        .doesNotThrowAnyException();
    assertThatCode(() -> Class.forName("org.eclipse.jetty.util.thread.Scheduler"))
        .doesNotThrowAnyException();
  }
}
