package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Options with open-ended names reach their reader unchanged and in order. */
class PassThroughTest {
  private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void shouldHandTheJobItsSettingsUnchanged() {
    CommandLine line = Main.commandLine(NOWHERE, NOWHERE);
    String[] settings = {
      "--kafka.bootstrap-servers",
      "127.0.0.1:9092",
      "--redis.url",
      "redis://r:6379",
      "--job.parallelism",
      "2"
    };
    String[] argv = new String[settings.length + 1];
    argv[0] = "job";
    System.arraycopy(settings, 0, argv, 1, settings.length);

    line.parseArgs(argv);

    JobOptions job = line.getSubcommands().get("job").getCommand();
    assertThat(Arrays.asList(job.jobArguments())).containsExactly(settings);
  }

  @Test
  void shouldReadKafkaClientSettingsForErase() {
    CommandLine line = Main.commandLine(NOWHERE, NOWHERE);

    line.parseArgs(
        "features",
        "erase",
        "--kafka.properties.client.id",
        "erase-1",
        "PH00000042",
        "--topic",
        "t");

    FeaturesOptions.Erase erase =
        line.getSubcommands().get("features").getSubcommands().get("erase").getCommand();
    assertThat(erase.words)
        .containsExactly("--kafka.properties.client.id", "erase-1", "PH00000042");
    assertThat(erase.topic).isEqualTo("t");
  }

  @Test
  void shouldDefaultTheStackTopicsToTheTopicsTheJobAndServiceUse() {
    assertThat(StackOptions.DEFAULT_TOPIC_LIST)
        .isEqualTo(String.join(",", StackCommand.DEFAULT_TOPICS));
  }
}
