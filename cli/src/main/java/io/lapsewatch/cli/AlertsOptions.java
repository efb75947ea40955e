package io.lapsewatch.cli;

import io.lapsewatch.alerts.service.AlertsService;
import io.lapsewatch.retentiondesk.RetentionDesk;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The command line of {@code alerts [CONFIG.properties]}: starts the alerts service. */
@Command(
    name = "alerts",
    description = {
      "The alerts service: consumes alerts and outcomes, routes and delivers them, serves"
          + " /metrics; with redis.url set, also the retention desk (cases of treated alerts,"
          + " desk.enabled=false to leave it off).",
      "Without a file, settings come from the environment; see docs/operations.md."
    })
final class AlertsOptions implements Callable<Integer> {
  @Mixin HelpOption help;

  @Parameters(paramLabel = "CONFIG.properties", arity = "0..1")
  Path config;

  @Override
  public Integer call() throws Exception {
    // The retention desk (cases of treated alerts) runs next to the service when Redis is set.
    Optional<RetentionDesk> desk;
    try {
      desk = RetentionDesk.startIfConfigured(config, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("retention desk: configuration error: " + e.getMessage());
      return 2;
    } catch (NoSuchFileException e) {
      System.err.println("alerts service: configuration file not found: " + e.getFile());
      return 2;
    }
    desk.ifPresent(AlertsOptions::superviseDesk);
    AlertsService.main(config == null ? new String[0] : new String[] {config.toString()});
    return 0;
  }

  /** Closes the desk on shutdown, and exits non-zero if it fails so a supervisor restarts us. */
  private static void superviseDesk(RetentionDesk desk) {
    Runtime.getRuntime().addShutdownHook(new Thread(desk::close, "lapsewatch-desk-shutdown"));
    Thread watch =
        new Thread(
            () -> {
              try {
                Throwable why = desk.awaitFailure();
                // The desk's transactions make the restart lossless.
                System.err.println("retention desk stopped: " + why);
                System.exit(1);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "lapsewatch-desk-watch");
    watch.setDaemon(true);
    watch.start();
  }
}
