package io.lapsewatch.featurestore.store;

import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where and how to reach Redis: standalone ({@code redis://host:port}, {@code rediss://} for TLS)
 * or a cluster (a comma-separated seed list). The password is kept out of {@link #toString()}.
 */
public final class RedisSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> nodes;
  private final boolean cluster;
  private final boolean tls;
  private final String user;
  private final String password;
  private final int timeoutMillis;

  private RedisSettings(
      List<String> nodes,
      boolean cluster,
      boolean tls,
      String user,
      String password,
      int timeoutMillis) {
    this.nodes = List.copyOf(nodes);
    this.cluster = cluster;
    this.tls = tls;
    this.user = user;
    this.password = password;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Parses {@code redis://[user:password@]host:port} or {@code rediss://...}; a comma-separated
   * list of {@code host:port} after the scheme means Redis Cluster.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public static RedisSettings parse(String url, String password, boolean cluster) {
    Objects.requireNonNull(url, "redis.url");
    boolean tls;
    String rest;
    if (url.startsWith("redis://")) {
      tls = false;
      rest = url.substring("redis://".length());
    } else if (url.startsWith("rediss://")) {
      tls = true;
      rest = url.substring("rediss://".length());
    } else {
      throw new IllegalArgumentException(
          "redis.url must start with redis:// or rediss://, was '" + redact(url) + "'");
    }
    String user = null;
    String pass = password;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String auth = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = auth.indexOf(':');
      if (colon >= 0) {
        user = auth.substring(0, colon).isEmpty() ? null : auth.substring(0, colon);
        pass = auth.substring(colon + 1);
      } else {
        pass = auth;
      }
    }
    List<String> nodes = new ArrayList<>();
    for (String node : rest.split(",")) {
      String n = node.trim();
      try {
        URI u = URI.create("redis://" + n);
        boolean hasPath = u.getRawPath() != null && !u.getRawPath().isEmpty();
        if (u.getHost() == null || u.getPort() <= 0 || u.getPort() > 65535 || hasPath) {
          throw new IllegalArgumentException();
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "redis.url has a node that is not host:port (port 1..65535, no database path): '"
                + n
                + "'");
      }
      nodes.add(n);
    }
    boolean isCluster = cluster || nodes.size() > 1;
    return new RedisSettings(nodes, isCluster, tls, user, emptyToNull(pass), 5_000);
  }

  public static RedisSettings local(int port) {
    return parse("redis://127.0.0.1:" + port, null, false);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static String redact(String url) {
    return url.replaceAll("//[^@/]*@", "//***@");
  }

  public List<String> nodes() {
    return nodes;
  }

  public boolean cluster() {
    return cluster;
  }

  public boolean tls() {
    return tls;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public int timeoutMillis() {
    return timeoutMillis;
  }

  @Override
  public String toString() {
    return (tls ? "rediss://" : "redis://")
        + String.join(",", nodes)
        + (cluster ? " (cluster)" : "")
        + (password != null ? " (auth)" : "");
  }
}
