package io.lapsewatch.cli;

import io.lapsewatch.featurestore.features.FeatureSchema;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line of {@code features schema | show ID | erase ID}, read by {@link
 * FeaturesCommand}.
 */
@Command(
    name = "features",
    description = "The feature schema, and the vector stored for one policyholder.")
final class FeaturesOptions {
  @Mixin HelpOption help;

  /** Kafka client settings passed through to the erase request's producer. */
  static final String KAFKA_PREFIX = "--kafka.properties.";

  private FeaturesOptions() {}

  /** {@code features} with its three subcommands. */
  static CommandLine commandLine(PrintStream out) {
    CommandLine erase = new CommandLine(new Erase(out));
    // Kafka client settings have open-ended names, so they arrive as words and are read below.
    erase.setUnmatchedOptionsArePositionalParams(true);
    return new CommandLine(new FeaturesOptions())
        .addSubcommand(new Schema(out))
        .addSubcommand(new Show(out))
        .addSubcommand("erase", erase);
  }

  @Command(
      name = "schema",
      description = "The feature schema: name, Redis field, window, unit, meaning.")
  static final class Schema implements Callable<Integer> {
    @Mixin HelpOption help;

    private final PrintStream out;

    Schema(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() {
      out.print(FeatureSchema.describe());
      return 0;
    }
  }

  @Command(name = "show", description = "The feature vector stored for one policyholder.")
  static final class Show implements Callable<Integer> {
    @Mixin HelpOption help;

    private final PrintStream out;

    @Parameters(paramLabel = "POLICYHOLDER_ID")
    String id;

    @Option(
        names = "--redis-url",
        paramLabel = "URL",
        description = "default: LAPSEWATCH_REDIS_URL, else redis://127.0.0.1:6379")
    String redisUrl;

    Show(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() {
      return FeaturesCommand.show(id, redisUrl, out);
    }
  }

  @Command(
      name = "erase",
      showDefaultValues = true,
      sortOptions = false,
      description = {
        "Right to erasure: deletes the stored vector and tells the job to forget the"
            + " policyholder.",
        "Kafka client settings: --kafka.properties.NAME VALUE (values may use ${env:X} and"
            + " ${file:/path})."
      })
  static final class Erase implements Callable<Integer> {
    @Mixin HelpOption help;

    private final PrintStream out;

    @Parameters(paramLabel = "POLICYHOLDER_ID")
    List<String> words = new ArrayList<>();

    @Option(
        names = "--redis-url",
        paramLabel = "URL",
        description = "default: LAPSEWATCH_REDIS_URL, else redis://127.0.0.1:6379")
    String redisUrl;

    @Option(
        names = "--bootstrap-servers",
        paramLabel = "B",
        description = "Kafka of the job (or LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS)")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "T", defaultValue = "policy-events")
    String topic;

    Erase(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() {
      List<String> ids = new ArrayList<>();
      Map<String, String> kafka = new LinkedHashMap<>();
      for (int i = 0; i < words.size(); i++) {
        String w = words.get(i);
        if (w.startsWith(KAFKA_PREFIX)) {
          if (i + 1 >= words.size()) {
            throw new IllegalArgumentException("option " + w + " needs a value");
          }
          kafka.put(w.substring(KAFKA_PREFIX.length()), words.get(++i));
        } else if (w.startsWith("-")) {
          throw new IllegalArgumentException("unknown option '" + w + "' for features erase");
        } else {
          ids.add(w);
        }
      }
      if (ids.size() != 1) {
        throw new IllegalArgumentException("give exactly one policyholder id, was " + ids.size());
      }
      String bootstrap = Environment.or(bootstrapServers, "LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS");
      return FeaturesCommand.erase(ids.get(0), redisUrl, bootstrap, topic, kafka, out);
    }
  }
}
