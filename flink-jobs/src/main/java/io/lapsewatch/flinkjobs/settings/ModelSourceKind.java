package io.lapsewatch.flinkjobs.settings;

import java.util.Locale;

/** Where the job reads published models: the registry folder, or Redis. */
public enum ModelSourceKind {
  FOLDER,
  REDIS;

  /** Lower case, as written in settings ({@code model.source redis}). */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
