package io.lapsewatch.cli;

import io.lapsewatch.alerts.service.AlertsService;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The command line of {@code alerts [CONFIG.properties]}: starts the alerts service. */
@Command(
    name = "alerts",
    description = {
      "The alerts service: consumes alerts and outcomes, routes and delivers them, serves"
          + " /metrics; with redis.url set, also the retention desk (cases of treated alerts, their"
          + " pages under /desk/; desk.enabled=false to leave it off).",
      "Without a file, settings come from the environment; see docs/operations.md."
    })
final class AlertsOptions implements Callable<Integer> {
  @Mixin HelpOption help;

  @Parameters(paramLabel = "CONFIG.properties", arity = "0..1")
  Path config;

  @Override
  public Integer call() throws Exception {
    // The service runs, supervises and closes the desk itself.
    AlertsService.main(config == null ? new String[0] : new String[] {config.toString()});
    return 0;
  }
}
