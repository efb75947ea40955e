package io.lapsewatch.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} process on loopback, started for the demo and the ITCases. It can be
 * stopped and started again on the same port to inject a Redis restart.
 */
public final class EmbeddedRedis implements AutoCloseable {
  private final int port;
  private final List<String> extraArgs;
  private final Path workDir;
  private Process process;

  private EmbeddedRedis(int port, List<String> extraArgs) throws IOException {
    this.port = port;
    this.extraArgs = List.copyOf(extraArgs);
    this.workDir = Files.createTempDirectory("lapsewatch-redis-" + port);
  }

  /** Starts a standalone server on a free port. */
  public static EmbeddedRedis start() throws IOException {
    return start(freePort(), List.of());
  }

  /** Starts a server on {@code port} with extra {@code redis-server} arguments. */
  public static EmbeddedRedis start(int port, List<String> extraArgs) throws IOException {
    EmbeddedRedis redis = new EmbeddedRedis(port, extraArgs);
    redis.startProcess();
    return redis;
  }

  /** Starts (or restarts) the process and waits until it accepts connections. */
  public synchronized void startProcess() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(RedisBinary.locate().toString());
    cmd.addAll(
        List.of(
            "--port", Integer.toString(port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", workDir.toString()));
    cmd.addAll(extraArgs);
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("redis.log").toFile())
            .start();
    ChildProcesses.killOnExit(process);
    awaitPort(port, Duration.ofSeconds(20), process);
  }

  /** Kills the process (as a crash would); {@link #startProcess()} brings it back. */
  public synchronized void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor();
      ChildProcesses.forget(process);
    }
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public Path workDir() {
    return workDir;
  }

  @Override
  public synchronized void close() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
      ChildProcesses.forget(process);
    }
  }

  /** The operating system's id of the running {@code redis-server}, e.g. to check it is gone. */
  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException("redis-server on port " + port + " was never started");
    }
    return process.pid();
  }

  /** A TCP port free on loopback right now. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  static void awaitPort(int port, Duration timeout, Process process) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "redis-server on port " + port + " exited with " + process.exitValue());
      }
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted waiting for redis-server", ie);
        }
      }
    }
    throw new IOException("redis-server did not listen on port " + port + " within " + timeout);
  }
}
