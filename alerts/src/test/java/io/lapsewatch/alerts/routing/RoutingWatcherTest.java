package io.lapsewatch.alerts.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.settings.SecretResolver;
import io.lapsewatch.alerts.TestingClock;
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
          }

          @Override
          public void reloadFailed(String message) {
            failures.add(message);
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
    clock.advance(Duration.ofSeconds(5));
    assertThat(w.poll()).isPresent();
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
}
