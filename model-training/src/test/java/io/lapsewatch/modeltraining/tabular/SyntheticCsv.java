package io.lapsewatch.modeltraining.tabular;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes seeded policyholder CSVs with the awkward parts of real exports: a ';' separator, quoted
 * fields holding the separator, blank cells, an identifier column and a level only the test file
 * has.
 */
final class SyntheticCsv {
  static final String HEADER =
      "policy_id;premium_change_pct;annual_premium;channel;vehicle_use;lapse";

  private SyntheticCsv() {}

  static Path write(Path file, int rows, long seed, boolean withUnseenChannel) throws IOException {
    SplittableRandom rng = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    String[] channels = {"agent", "web", "phone"};
    String[] uses = {"\"private; commute\"", "business", "\"private; leisure\""};
    for (int i = 0; i < rows; i++) {
      double change = rng.nextGaussian() * 8 + 3;
      double premium = 300 + rng.nextDouble() * 2500;
      String channel =
          withUnseenChannel && i % 25 == 0 ? "broker" : channels[rng.nextInt(channels.length)];
      int use = rng.nextInt(uses.length);
      double logit =
          -1.5
              + 0.12 * change
              - 0.0004 * (premium - 1500)
              + ("web".equals(channel) ? 0.7 : 0)
              + (use == 1 ? 0.5 : 0);
      boolean lapse = rng.nextDouble() < 1 / (1 + Math.exp(-logit));
      sb.append(String.format(Locale.ROOT, "C%05d;", i))
          .append(i % 17 == 0 ? "" : String.format(Locale.ROOT, "%.1f", change))
          .append(';')
          .append(String.format(Locale.ROOT, "%.2f", premium))
          .append(';')
          .append(i % 31 == 0 ? "" : channel)
          .append(';')
          .append(uses[use])
          .append(';')
          .append(lapse ? 1 : 0)
          .append('\n');
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
    return file;
  }
}
