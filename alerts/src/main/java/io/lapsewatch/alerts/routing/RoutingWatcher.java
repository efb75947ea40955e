package io.lapsewatch.alerts.routing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when the routing file changes (modification time, size and content, polled) and loads it
 * again once it has settled. A file that does not load keeps the rules in force and is reported
 * once (log and {@link Listener}); a file that again holds the rules in force (a bad edit reverted)
 * is reported as such. Not thread-safe: the consumer thread polls it between batches, so a reload
 * never races a delivery.
 *
 * <p>Why wait for a settled file: an editor or a copy that writes in place truncates the file and
 * then writes it, so a check can fall in between and see it empty or half written. A change is
 * therefore acted on only when two checks in a row, one interval apart, saw the same size,
 * modification time and content; a file still being written looks different at the next check and
 * is looked at again. (A writer that stalls for longer than the interval can still be caught
 * half-way; write to a temporary file and move it into place to be safe.)
 */
public final class RoutingWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(RoutingWatcher.class);

  /** Hears how reloads went (the service turns this into metrics). */
  public interface Listener {
    /** A changed file loaded; {@code table} is now in force. */
    void reloaded(RoutingTable table);

    /** The file is missing, unreadable or wrong; the rules in force stay. */
    void reloadFailed(String message);

    /** After a failure, the file on disk again holds exactly the rules in force. */
    void inForceAgain();
  }

  private final Path file;
  private final RoutingLoader loader;
  private final Duration interval;
  private final Clock clock;
  private final Listener listener;

  private Instant nextCheck;

  /** What the last check saw when it was not yet acted on (null: nothing pending). */
  private Snapshot pending;

  /** The stamp of the last settled content, so an untouched file is not read again. */
  private Stamp settled;

  private byte[] inForce;
  private byte[] rejected;
  private boolean failing;

  private record Stamp(FileTime modified, long size) {}

  private record Snapshot(Stamp stamp, byte[] sha256) {
    boolean sameAs(Snapshot other) {
      return other != null
          && stamp.equals(other.stamp)
          && MessageDigest.isEqual(sha256, other.sha256);
    }
  }

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
    this.inForce = initial.clone();
    this.settled = stamp().orElse(null);
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
    // Parsed from the bytes read, not read again: the two reads could see different files.
    return new Loaded(loader.load(file, content), content);
  }

  /** A table and the file content it was loaded from. */
  public record Loaded(RoutingTable table, byte[] content) {}

  /**
   * If the check interval has passed and the file changed and has settled, tries to load it.
   *
   * @return the new table when a changed file loaded; the caller swaps it in and closes the old
   */
  public Optional<RoutingTable> poll() {
    Instant now = clock.instant();
    if (now.isBefore(nextCheck)) {
      return Optional.empty();
    }
    nextCheck = now.plus(interval);
    Optional<Stamp> stamp = stamp();
    if (stamp.isEmpty()) {
      pending = null;
      if (settled != null) {
        settled = null;
        fail("routing file " + file + " is missing; keeping the rules in force");
      }
      return Optional.empty();
    }
    if (stamp.get().equals(settled)) {
      pending = null;
      return Optional.empty();
    }
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      pending = null;
      settled = stamp.get();
      fail(
          "cannot read routing file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + "); keeping the rules in force");
      return Optional.empty();
    }
    Snapshot seen = new Snapshot(stamp.get(), sha256(content));
    if (!seen.sameAs(pending)) {
      pending = seen; // changed since the last check: maybe still being written
      return Optional.empty();
    }
    pending = null;
    settled = seen.stamp();
    return settledOn(content);
  }

  private Optional<RoutingTable> settledOn(byte[] content) {
    if (Arrays.equals(content, inForce)) {
      rejected = null;
      if (failing) {
        failing = false;
        LOG.info("Routing file {} holds the rules in force again", file);
        listener.inForceAgain();
      }
      return Optional.empty(); // touched, or a bad edit reverted
    }
    if (Arrays.equals(content, rejected)) {
      return Optional.empty(); // touched, still the same bad file: reported already
    }
    try {
      RoutingTable table = loader.load(file, content);
      inForce = content;
      rejected = null;
      failing = false;
      LOG.info("Routing rules reloaded: {}", table.describe());
      listener.reloaded(table);
      return Optional.of(table);
    } catch (RoutingConfigException e) {
      rejected = content;
      fail(e.getMessage() + "; keeping the rules in force");
      return Optional.empty();
    }
  }

  private void fail(String message) {
    failing = true;
    LOG.error("Routing reload failed: {}", message);
    listener.reloadFailed(message);
  }

  private Optional<Stamp> stamp() {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return Optional.of(new Stamp(a.lastModifiedTime(), a.size()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
