package io.lapsewatch.alerts.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.settings.SecretResolver;
import io.lapsewatch.alerts.TestingClock;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.notify.HttpOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingWatcherTest {
  private static final String ONE =
      "version: 1\nreceivers:\n  a: {channel: console}\ndefault: {receivers: [a]}\n";
  private static final String TWO =
      "version: 1\nreceivers:\n  a: {channel: console}\n  b: {channel: console}\n"
          + "default: {receivers: [a, b]}\n";
  private static final String BAD =
      "version: 1\nreceivers:\n  a: {channel: console}\ndefault: {receivers: [zz]}\n";

  @TempDir Path dir;

  private final TestingClock clock = new TestingClock(Instant.parse("2026-05-20T08:00:00Z"));
  private final List<RoutingTable> reloads = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final RoutingLoader loader =
      new RoutingLoader(new SecretResolver(Map.of()), HttpOptions.defaults());
  private final AlertMetrics metrics = new AlertMetrics();
  private final RoutingReloadMetrics reloadMetrics = new RoutingReloadMetrics(metrics, clock);
  private long mtime = 1_000_000_000_000L;

  private void write(Path file, String content) throws Exception {
    Files.writeString(file, content);
    // Some file systems keep seconds only; a test must not depend on how fast it writes.
    mtime += 10_000;
    Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
  }

  private RoutingWatcher watcher(Path file) {
    RoutingWatcher.Loaded initial = RoutingWatcher.loadInitial(file, loader);
    initial.table().close();
    return new RoutingWatcher(
        file,
        loader,
        Duration.ofSeconds(5),
        clock,
        new RoutingWatcher.Listener() {
          @Override
          public void reloaded(RoutingTable table) {
            reloads.add(table);
            reloadMetrics.reloaded(table);
          }

          @Override
          public void reloadFailed(String message) {
            failures.add(message);
            reloadMetrics.reloadFailed(message);
          }

          @Override
          public void inForceAgain() {
            reloadMetrics.inForceAgain();
          }
        },
        initial.content());
  }

  @Test
  void shouldReloadAChangedFileOnlyAfterTheInterval() throws Exception {
    Path file = dir.resolve("routes.yml");
    write(file, ONE);
    RoutingWatcher w = watcher(file);

    write(file, TWO);
    assertThat(w.poll()).isEmpty();
    clock.advance(Duration.ofSeconds(5));
    assertThat(w.poll()).as("changed since the last check: not settled yet").isEmpty();
    clock.advance(Duration.ofSeconds(5));
    Optional<RoutingTable> reloaded = w.poll();

    assertThat(reloaded)
        .hasValueSatisfying(t -> assertThat(t.defaultReceivers()).containsExactly("a", "b"));
    assertThat(reloads).hasSize(1);
    clock.advance(Duration.ofSeconds(5));
    assertThat(w.poll()).isEmpty();
    reloaded.get().close();
  }

  @Test
  void shouldKeepTheRulesInForceWhenTheNewFileIsBadAndReportItOnce() throws Exception {
    Path file = dir.resolve("routes.yml");
    write(file, ONE);
    RoutingWatcher w = watcher(file);

    write(file, BAD);
    clock.advance(Duration.ofSeconds(5));
    assertThat(w.poll()).isEmpty();
    clock.advance(Duration.ofSeconds(5));
    assertThat(w.poll()).isEmpty();

    assertThat(failures)
        .singleElement()
        .asString()
        .contains("default.receivers[0] (line 4): unknown receiver 'zz'")
        .endsWith("; keeping the rules in force");
    assertThat(reloads).isEmpty();

    write(file, TWO);
    assertThat(pollUntilSettled(w)).isPresent();
    assertThat(reloads).hasSize(1);
    reloads.get(0).close();
  }

  @Test
  void shouldIgnoreATouchThatChangesNothingAndReportADeletedFile() throws Exception {
    Path file = dir.resolve("routes.yml");
    write(file, ONE);
    RoutingWatcher w = watcher(file);

    write(file, ONE);
    clock.advance(Duration.ofSeconds(5));
    assertThat(w.poll()).isEmpty();
    assertThat(failures).isEmpty();

    Files.delete(file);
    clock.advance(Duration.ofSeconds(5));
    assertThat(w.poll()).isEmpty();
    assertThat(failures)
        .singleElement()
        .asString()
        .contains("is missing; keeping the rules in force");
    assertThat(reloads).isEmpty();
  }

  /** Advances past the check interval and polls, as the consumer does between batches. */
  private Optional<RoutingTable> pollAfterInterval(RoutingWatcher w) {
    clock.advance(Duration.ofSeconds(5));
    return w.poll();
  }

  /** Polls until the watcher has looked at the file twice with nothing changing in between. */
  private Optional<RoutingTable> pollUntilSettled(RoutingWatcher w) {
    Optional<RoutingTable> first = pollAfterInterval(w);
    return first.isPresent() ? first : pollAfterInterval(w);
  }

  @Test
  void shouldNotCountAHalfWrittenFileAsAFailedReload() throws Exception {
    Path file = dir.resolve("routes.yml");
    write(file, ONE);
    RoutingWatcher w = watcher(file);

    // An editor that truncates and then writes: one check falls between the two.
    Files.writeString(file, "");
    assertThat(pollAfterInterval(w)).isEmpty();
    write(file, TWO);
    Optional<RoutingTable> reloaded = pollUntilSettled(w);

    assertThat(failures).isEmpty();
    assertThat(reloaded)
        .hasValueSatisfying(t -> assertThat(t.defaultReceivers()).containsExactly("a", "b"));
    assertThat(metrics.scrape())
        .contains("lapsewatch_routing_reloads_total{result=\"failure\"} 0.0")
        .contains("lapsewatch_routing_reloads_total{result=\"success\"} 1.0")
        .contains("lapsewatch_routing_rules_valid 1.0");
    reloaded.get().close();
  }

  @Test
  void shouldWaitUntilTheFileStopsChangingBeforeLoadingIt() throws Exception {
    Path file = dir.resolve("routes.yml");
    write(file, ONE);
    RoutingWatcher w = watcher(file);

    // A slow writer: the file is different at every check until it is complete.
    String bad = BAD.substring(0, BAD.length() / 2);
    write(file, bad);
    assertThat(pollAfterInterval(w)).isEmpty();
    write(file, bad + "x");
    assertThat(pollAfterInterval(w)).isEmpty();
    write(file, TWO);
    assertThat(pollAfterInterval(w)).isEmpty();
    Optional<RoutingTable> reloaded = pollAfterInterval(w);

    assertThat(failures).isEmpty();
    assertThat(reloaded).isPresent();
    reloaded.get().close();
  }

  @Test
  void shouldMarkTheRulesValidAgainWhenABadEditIsReverted() throws Exception {
    Path file = dir.resolve("routes.yml");
    write(file, ONE);
    RoutingWatcher w = watcher(file);

    write(file, BAD);
    assertThat(pollUntilSettled(w)).isEmpty();
    assertThat(failures).hasSize(1);
    assertThat(metrics.scrape()).contains("lapsewatch_routing_rules_valid 0.0");

    // Reverted byte for byte: the rules in force are what the file says again.
    write(file, ONE);
    assertThat(pollUntilSettled(w)).isEmpty();

    assertThat(reloads).isEmpty();
    assertThat(failures).hasSize(1);
    assertThat(metrics.scrape())
        .contains("lapsewatch_routing_rules_valid 1.0")
        .contains("lapsewatch_routing_reloads_total{result=\"success\"} 0.0");
  }

  @Test
  void shouldMarkTheRulesValidAgainWhenADeletedFileComesBackUnchanged() throws Exception {
    Path file = dir.resolve("routes.yml");
    write(file, ONE);
    RoutingWatcher w = watcher(file);

    Files.delete(file);
    assertThat(pollAfterInterval(w)).isEmpty();
    assertThat(metrics.scrape()).contains("lapsewatch_routing_rules_valid 0.0");
    write(file, ONE);
    assertThat(pollUntilSettled(w)).isEmpty();

    assertThat(failures).hasSize(1);
    assertThat(metrics.scrape()).contains("lapsewatch_routing_rules_valid 1.0");
  }

  @Test
  void shouldReportABadFileOnlyOnceEvenWhenItIsTouched() throws Exception {
    Path file = dir.resolve("routes.yml");
    write(file, ONE);
    RoutingWatcher w = watcher(file);

    write(file, BAD);
    pollUntilSettled(w);
    write(file, BAD);
    pollUntilSettled(w);
    pollUntilSettled(w);

    assertThat(failures).hasSize(1);
    assertThat(metrics.scrape()).contains("lapsewatch_routing_rules_valid 0.0");
  }
}
