package io.lapsewatch.embedded;

/**
 * A JVM that starts a local stack with a redis-server, prints the server's pid and waits to be
 * stopped: what {@code demo --keep-running} does, for {@link SigtermStopsChildProcessesITCase}.
 */
public final class StackChild {
  /** Printed before the redis-server's pid. */
  static final String REDIS_PID = "redis-pid=";

  private StackChild() {}

  public static void main(String[] args) throws Exception {
    // Not closed on purpose: only the shutdown hook may stop the stack, as after SIGTERM.
    LocalStack stack = LocalStack.builder().withRedis().withWebhookReceiver().withSmtp().start();
    System.out.println(REDIS_PID + stack.redis().pid());
    System.out.flush();
    Thread.currentThread().join();
  }
}
