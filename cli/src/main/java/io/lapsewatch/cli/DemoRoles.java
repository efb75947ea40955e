package io.lapsewatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The demo's roles file: the simulator's agents ({@code AG0000}..{@code AG1999}) split over two
 * branches, a lead per branch (told of escalations by the routing file's {@link DemoRoutes#LEADS}
 * receiver) and an admin. Every token is random and thrown away (only its hash is written): the
 * demo signs leads in with a login link instead.
 */
final class DemoRoles {
  /** The lead whose login link the demo prints. */
  static final String LEAD = "LEAD-SH";

  static final String HOME_BRANCH = "shanghai";

  private static final String OTHER_BRANCH = "beijing";

  /** The simulator's agent ids run from 0 to this, exclusive ({@code SimulatedPolicyholder}). */
  private static final int AGENTS = 2000;

  private DemoRoles() {}

  /** Writes the roles file to {@code file}. */
  static Path write(Path file, SecureRandom random) throws IOException {
    StringBuilder y = new StringBuilder();
    y.append("# Written by the demo: the simulator's agents over two branches, random tokens.\n");
    // Each branch's lead hears of escalations through the routing file's lead receiver.
    y.append("branches:\n");
    for (String branch : new String[] {HOME_BRANCH, OTHER_BRANCH}) {
      y.append("  - {name: ")
          .append(branch)
          .append(", escalation-receiver: ")
          .append(DemoRoutes.LEADS)
          .append("}\n");
    }
    y.append("senior-pool-branch: ").append(HOME_BRANCH).append('\n');
    y.append("users:\n");
    for (int i = 0; i < AGENTS; i++) {
      user(y, String.format("AG%04d", i), "agent", i % 2 == 0 ? HOME_BRANCH : OTHER_BRANCH, random);
    }
    user(y, LEAD, "lead", HOME_BRANCH, random);
    user(y, "LEAD-BJ", "lead", OTHER_BRANCH, random);
    user(y, "ADMIN", "admin", null, random);
    Files.writeString(file, y, StandardCharsets.UTF_8);
    return file;
  }

  private static void user(
      StringBuilder y, String id, String role, String branch, SecureRandom random) {
    y.append("  - {id: ").append(id).append(", role: ").append(role);
    if (branch != null) {
      y.append(", branch: ").append(branch);
    }
    y.append(", token-sha256: ").append(randomTokenHash(random)).append("}\n");
  }

  private static String randomTokenHash(SecureRandom random) {
    byte[] token = new byte[24];
    random.nextBytes(token);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
  }
}
