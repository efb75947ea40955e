package io.lapsewatch.embedded;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Finds a real {@code redis-server}: {@code LAPSEWATCH_REDIS_SERVER} if set, else one on the PATH,
 * else the binary shipped in the embedded-redis Maven artifact, copied to a temp file.
 */
public final class RedisBinary {
  private static Path cached;

  private RedisBinary() {}

  public static synchronized Path locate() throws IOException {
    if (cached != null) {
      return cached;
    }
    String configured = System.getenv("LAPSEWATCH_REDIS_SERVER");
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured);
      if (!Files.isExecutable(p)) {
        throw new IOException(
            "LAPSEWATCH_REDIS_SERVER=" + configured + " is not an executable redis-server");
      }
      return cached = p;
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path p = Path.of(dir, "redis-server");
        if (Files.isExecutable(p)) {
          return cached = p;
        }
      }
    }
    return cached = extractShipped();
  }

  private static Path extractShipped() throws IOException {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String name;
    if (os.contains("linux")) {
      name =
          arch.contains("aarch64") || arch.contains("arm")
              ? "redis-server-6.2.7-linux-arm64"
              : "redis-server-6.2.6-v5-linux-amd64";
    } else if (os.contains("mac")) {
      name =
          arch.contains("aarch64")
              ? "redis-server-6.2.6-v5-darwin-arm64"
              : "redis-server-6.2.6-v5-darwin-amd64";
    } else {
      throw new IOException(
          "no shipped redis-server for "
              + os
              + "/"
              + arch
              + "; install redis-server or set LAPSEWATCH_REDIS_SERVER");
    }
    try (InputStream in = RedisBinary.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(
            "redis-server binary " + name + " not on the classpath (embedded-redis artifact)");
      }
      Path target = Files.createTempFile("lapsewatch-redis-server", "");
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      target.toFile().setExecutable(true);
      target.toFile().deleteOnExit();
      return target;
    }
  }
}
