package io.lapsewatch.alerts.routing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when the routing file changes (modification time or size, polled) and loads it again. A
 * file that does not load keeps the rules in force and is reported (log and {@link Listener}); it
 * is not read again until it changes once more. Not thread-safe: the consumer thread polls it
 * between batches, so a reload never races a delivery.
 */
public final class RoutingWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(RoutingWatcher.class);

  /** Hears how reloads went (the service turns this into metrics). */
  public interface Listener {
    void reloaded(RoutingTable table);

    void reloadFailed(String message);
  }

  private final Path file;
  private final RoutingLoader loader;
  private final Duration interval;
  private final Clock clock;
  private final Listener listener;

  private Instant nextCheck;
  private Stamp seen;
  private byte[] loadedContent;

  private record Stamp(long modifiedMillis, long size) {}

  /**
   * @param initial the content the current table was loaded from, so an untouched file is never
   *     reloaded
   */
  public RoutingWatcher(
      Path file,
      RoutingLoader loader,
      Duration interval,
      Clock clock,
      Listener listener,
      byte[] initial) {
    this.file = file;
    this.loader = loader;
    this.interval = interval;
    this.clock = clock;
    this.listener = listener;
    this.loadedContent = initial.clone();
    this.seen = stamp().orElse(null);
    this.nextCheck = clock.instant().plus(interval);
  }

  /**
   * Loads the routing file for the first time, failing on any error (a service must not start
   * without valid rules); returns the table and the bytes it came from.
   */
  public static Loaded loadInitial(Path file, RoutingLoader loader) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new RoutingConfigException(
          "cannot read routing file " + file + ": " + e.getClass().getSimpleName(), e);
    }
    return new Loaded(loader.load(file), content);
  }

  /** A table and the file content it was loaded from. */
  public record Loaded(RoutingTable table, byte[] content) {}

  /**
   * If the check interval has passed and the file changed, tries to load it.
   *
   * @return the new table when a changed file loaded; the caller swaps it in and closes the old
   */
  public Optional<RoutingTable> poll() {
    Instant now = clock.instant();
    if (now.isBefore(nextCheck)) {
      return Optional.empty();
    }
    nextCheck = now.plus(interval);
    Optional<Stamp> current = stamp();
    if (current.isEmpty()) {
      if (seen != null) {
        seen = null;
        fail("routing file " + file + " is missing; keeping the rules in force");
      }
      return Optional.empty();
    }
    if (current.get().equals(seen)) {
      return Optional.empty();
    }
    seen = current.get();
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      fail(
          "cannot read routing file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + "); keeping the rules in force");
      return Optional.empty();
    }
    if (Arrays.equals(content, loadedContent)) {
      return Optional.empty(); // touched, not changed
    }
    try {
      RoutingTable table = loader.load(file);
      loadedContent = content;
      LOG.info("Routing rules reloaded: {}", table.describe());
      listener.reloaded(table);
      return Optional.of(table);
    } catch (RoutingConfigException e) {
      fail(e.getMessage() + "; keeping the rules in force");
      return Optional.empty();
    }
  }

  private void fail(String message) {
    LOG.error("Routing reload failed: {}", message);
    listener.reloadFailed(message);
  }

  private Optional<Stamp> stamp() {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return Optional.of(new Stamp(a.lastModifiedTime().toMillis(), a.size()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
