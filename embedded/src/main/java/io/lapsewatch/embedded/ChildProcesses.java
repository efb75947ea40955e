package io.lapsewatch.embedded;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The server processes this JVM started, killed by one shutdown hook: a JVM stopped by SIGTERM or
 * Ctrl-C runs its shutdown hooks but no {@code finally} blocks, so without this a started {@code
 * redis-server} would outlive the demo as an orphan.
 */
final class ChildProcesses {
  private static final Set<Process> LIVE = new LinkedHashSet<>();
  private static boolean hookInstalled;

  private ChildProcesses() {}

  /** Kills {@code process} when the JVM shuts down, unless {@link #forget} was called first. */
  static synchronized void killOnExit(Process process) {
    if (!hookInstalled) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(ChildProcesses::killAll, "lapsewatch-child-processes"));
      hookInstalled = true;
    }
    LIVE.add(process);
  }

  /** The process was stopped by its owner; the hook leaves it alone. */
  static synchronized void forget(Process process) {
    LIVE.remove(process);
  }

  private static void killAll() {
    List<Process> left;
    synchronized (ChildProcesses.class) {
      left = List.copyOf(LIVE);
      LIVE.clear();
    }
    for (Process p : left) {
      p.destroy();
    }
    for (Process p : left) {
      try {
        // A redis-server without persistence exits at once on SIGTERM; do not hold up the exit.
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }
}
