package io.lapsewatch.embedded;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An HTTP endpoint on loopback that records every request and answers with a scripted sequence of
 * responses, so tests and the demo can watch webhook deliveries and inject failures.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One recorded request; header names are lower-case. */
  public record Request(
      String method, String path, String query, Map<String, List<String>> headers, String body) {

    /** The first value of a header (case-insensitive), if present. */
    public Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The first value of a query parameter, URL-decoded (so a signature sent URL-encoded comes back
     * as its Base64 text), if present.
     */
    public Optional<String> queryParameter(String name) {
      if (query == null || query.isEmpty()) {
        return Optional.empty();
      }
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String key =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        if (key.equals(name)) {
          return Optional.of(
              eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      return Optional.empty();
    }
  }

  /** A scripted response. */
  public record Response(int status, Map<String, String> headers, String body) {

    /** 200 with a small JSON body. */
    public static Response ok() {
      return new Response(200, Map.of("Content-Type", "application/json"), "{\"ok\":true}");
    }

    /** The given status with a plain-text body. */
    public static Response status(int status) {
      return new Response(status, Map.of("Content-Type", "text/plain"), "status " + status);
    }

    /** 200 with a JSON body, e.g. a chat API's {@code {"errcode":45009}}. */
    public static Response json(String body) {
      return new Response(200, Map.of("Content-Type", "application/json"), body);
    }

    /** 429 asking the caller to come back after {@code seconds}. */
    public static Response tooManyRequests(long seconds) {
      return new Response(
          429,
          Map.of("Content-Type", "text/plain", "Retry-After", Long.toString(seconds)),
          "slow down");
    }
  }

  /** A recorded request with the status it was answered with. */
  public record Answer(Request request, int status) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Request> requests = new ArrayList<>();
  private final List<Answer> answers = new ArrayList<>();
  private final Deque<Response> script = new ArrayDeque<>();
  private Response fallback = Response.ok();
  private Consumer<Request> listener = r -> {};
  private boolean closed;

  private WebhookReceiver(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a receiver on 127.0.0.1 and an ephemeral port that answers 200 to everything. */
  public static WebhookReceiver start() throws IOException {
    // The JDK server leaves Nagle on: on a kept-alive connection each response then waits ~40 ms
    // for the client's delayed ACK. Read once per JVM, so launchers also pass it as -D.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // Two threads: enough for a notifier and a test probing concurrently, still bounded.
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "webhook-receiver");
              t.setDaemon(true);
              return t;
            });
    WebhookReceiver receiver = new WebhookReceiver(server, executor);
    server.createContext("/", receiver::handle);
    server.setExecutor(executor);
    server.start();
    return receiver;
  }

  /**
   * Queues responses for the next requests, in order (e.g. two 500s); once they are used up, every
   * request gets the fallback response (200 unless {@link #fallback(Response)} changed it).
   */
  public WebhookReceiver respondWith(Response... responses) {
    synchronized (this) {
      script.addAll(List.of(responses));
    }
    return this;
  }

  /** The response given once the scripted ones are used up. */
  public WebhookReceiver fallback(Response response) {
    synchronized (this) {
      fallback = response;
    }
    return this;
  }

  /**
   * Calls {@code listener} with every request after it is recorded and before it is answered, on
   * the receiver's thread: a test can stop the sender at an exact point of a stream.
   */
  public WebhookReceiver onRequest(Consumer<Request> listener) {
    synchronized (this) {
      this.listener = listener;
    }
    return this;
  }

  /** The full URL of {@code path} on this receiver, e.g. {@code http://127.0.0.1:41234/hook}. */
  public String url(String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    return "http://127.0.0.1:" + server.getAddress().getPort() + p;
  }

  /** A snapshot of every request received so far, in arrival order. */
  public List<Request> requests() {
    synchronized (this) {
      return List.copyOf(requests);
    }
  }

  /**
   * A snapshot of every request with the status it was answered with, in arrival order: which
   * deliveries a sender saw succeed, e.g. after an injected outage.
   */
  public List<Answer> answers() {
    synchronized (this) {
      return List.copyOf(answers);
    }
  }

  /** A snapshot of the requests received on {@code path}. */
  public List<Request> requests(String path) {
    return requests().stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Waits until at least {@code count} requests arrived; true if they did before the timeout. */
  public boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (requests.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) ->
                  headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
      Request request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestURI().getRawQuery(),
              Map.copyOf(headers),
              body);
      Response response;
      Consumer<Request> hook;
      synchronized (this) {
        requests.add(request);
        response = script.isEmpty() ? fallback : script.poll();
        answers.add(new Answer(request, response.status()));
        hook = listener;
        notifyAll();
      }
      hook.accept(request);
      byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        exchange.getResponseBody().write(out);
      }
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    server.stop(0);
    executor.shutdownNow();
  }
}
