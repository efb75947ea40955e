package io.lapsewatch.embedded;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/**
 * Moves the Kafka test kit's pre-bound listener sockets from the wildcard address to 127.0.0.1.
 *
 * <p>The kit reserves each controller's port race-free by binding a socket before the servers
 * start, and it binds it on every interface ({@code new InetSocketAddress(0)}), whatever the {@code
 * listeners} setting says: the demo's unauthenticated controller would then be reachable from other
 * machines. The kit offers no setting for that address, so its socket table is reached by
 * reflection; a Kafka upgrade that renames it fails here loudly, and {@code LocalStackITCase}
 * checks that nothing listens beyond loopback.
 */
final class LoopbackListeners {
  private LoopbackListeners() {}

  /** Rebinds every not-yet-used pre-bound socket of {@code cluster} on 127.0.0.1, same port. */
  static void rebind(KafkaClusterTestKit cluster) throws IOException {
    InetAddress loopback = InetAddress.getByName(EmbeddedKafka.LOOPBACK);
    for (Map.Entry<Integer, Map<String, ServerSocketChannel>> node : socketTable(cluster)) {
      for (Map.Entry<String, ServerSocketChannel> listener : node.getValue().entrySet()) {
        ServerSocketChannel socket = listener.getValue();
        InetSocketAddress bound = (InetSocketAddress) socket.getLocalAddress();
        if (bound.getAddress().isLoopbackAddress()) {
          continue;
        }
        // The port is free again only once the wildcard socket is closed; nothing else on this
        // machine is likely to take it in the microseconds between.
        socket.close();
        listener.setValue(open(new InetSocketAddress(loopback, bound.getPort())));
      }
    }
  }

  /** Opened as Kafka's own server socket factory opens it: non-blocking, default backlog. */
  private static ServerSocketChannel open(InetSocketAddress address) throws IOException {
    ServerSocketChannel socket = ServerSocketChannel.open();
    try {
      socket.configureBlocking(false);
      socket.socket().bind(address);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Iterable<Map.Entry<Integer, Map<String, ServerSocketChannel>>> socketTable(
      KafkaClusterTestKit cluster) throws IOException {
    try {
      Object manager = field(cluster, "socketFactoryManager");
      Map<Integer, Map<String, ServerSocketChannel>> sockets =
          (Map<Integer, Map<String, ServerSocketChannel>>) field(manager, "sockets");
      return sockets.entrySet();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IOException(
          "cannot move the Kafka test kit's listeners to loopback (did the kit change with a Kafka"
              + " upgrade?): "
              + e,
          e);
    }
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    Field f = owner.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(owner);
  }
}
