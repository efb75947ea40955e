package io.lapsewatch.retentiondesk.team;

import java.util.Locale;

/** What a desk user may see and do on the team pages. */
public enum Role {
  /** Sees and works only the cases they own. */
  AGENT,
  /** Sees the cases of their branch and reassigns them within it (or to the senior pool). */
  LEAD,
  /** Sees every branch and reassigns anywhere. */
  ADMIN;

  /** The name used in the roles file ({@code agent}, {@code lead}, {@code admin}). */
  public String fileName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
