package io.lapsewatch.retentiondesk;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A desk in a child JVM that records one result and then hangs at a chosen point, so {@link
 * ResultCrashITCase} can kill it there with SIGKILL: {@code before-commit} inside the transaction
 * (both records sent, nothing committed), {@code after-commit} once the result is committed but
 * before the caller got its acknowledgement.
 *
 * <p>Arguments: bootstrap servers, Redis URL, topic tag, key prefix, case id, request id, point.
 */
public final class ResultRecorderChild {
  private ResultRecorderChild() {}

  public static void main(String[] args) throws Exception {
    String point = args[6];
    CountDownLatch never = new CountDownLatch(1);
    CaseEventLog.BeforeCommit hook =
        () -> {
          if (point.equals("before-commit")) {
            System.out.println("HANGING-BEFORE-COMMIT");
            System.out.flush();
            awaitKill(never);
          }
        };
    Map<String, String> settings =
        TestingTopics.settings(args[0], args[1], args[2], ResultCrashITCase.INSTANCE, args[3]);
    RetentionDesk desk =
        RetentionDesk.start(RetentionDeskConfig.from(settings, Map.of()), Clock.systemUTC(), hook);
    desk.recordResult(args[4], ResultKind.ACCEPTED, "AG0001", "renews Monday", null, null, args[5]);
    System.out.println("HANGING-AFTER-COMMIT");
    System.out.flush();
    awaitKill(never);
  }

  private static void awaitKill(CountDownLatch never) {
    while (true) {
      try {
        never.await();
      } catch (InterruptedException e) {
        // Only SIGKILL ends this process.
      }
    }
  }
}
