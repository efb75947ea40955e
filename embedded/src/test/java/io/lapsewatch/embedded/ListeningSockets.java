package io.lapsewatch.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a Linux process listens on, read from {@code /proc}: which addresses a server
 * really bound, whatever its configuration says.
 */
final class ListeningSockets {
  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  /** True where {@code /proc/<pid>/fd} and {@code /proc/net/tcp} can be read. */
  static boolean readable() {
    return Files.isReadable(Path.of("/proc/self/net/tcp"))
        && Files.isDirectory(Path.of("/proc/self/fd"));
  }

  /** Addresses the process {@code pid} listens on (IPv4 and IPv6). */
  static List<InetSocketAddress> of(long pid) throws IOException {
    Set<String> inodes = socketInodes(pid);
    List<InetSocketAddress> out = new ArrayList<>();
    for (String table : List.of("tcp", "tcp6")) {
      Path file = Path.of("/proc", Long.toString(pid), "net", table);
      if (!Files.isReadable(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
        String[] f = line.trim().split("\\s+");
        // local_address is f[1] (hex address:port), st is f[3], inode is f[9].
        if (f[3].equals(LISTEN) && inodes.contains(f[9])) {
          String[] hostPort = f[1].split(":");
          out.add(new InetSocketAddress(address(hostPort[0]), Integer.parseInt(hostPort[1], 16)));
        }
      }
    }
    return out;
  }

  private static Set<String> socketInodes(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // A descriptor closed while listing is not a listening socket of interest.
        }
      }
    }
    return inodes;
  }

  /** /proc prints addresses as 32-bit words in host (little-endian) byte order. */
  private static InetAddress address(String hex) throws IOException {
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int b = 0; b < 4; b++) {
        int at = word * 8 + (3 - b) * 2;
        bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) comes back as an Inet4Address.
    return InetAddress.getByAddress(bytes);
  }
}
