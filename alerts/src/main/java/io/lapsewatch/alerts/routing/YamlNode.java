package io.lapsewatch.alerts.routing;

import io.lapsewatch.alertcontract.settings.SecretKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A node of the composed YAML tree with its key path and line, so every error can say where it is.
 * Only plain maps, lists and scalars are accepted: an explicit tag such as {@code !!java.net.URL}
 * is an error, and nothing is ever constructed from the YAML but strings.
 */
final class YamlNode {
  private static final Set<Tag> PLAIN =
      Set.of(Tag.MAP, Tag.SEQ, Tag.STR, Tag.INT, Tag.BOOL, Tag.FLOAT, Tag.NULL);

  private final Node node;
  private final String path;
  private final boolean secret;

  YamlNode(Node node, String path, boolean secret) {
    this.node = node;
    this.path = path;
    this.secret = secret;
    if (!PLAIN.contains(node.getTag())) {
      throw error(
          "has the tag " + node.getTag() + "; only plain maps, lists and scalars are allowed");
    }
  }

  String path() {
    return path;
  }

  /** 1-based line of the node. */
  int line() {
    return node.getStartMark().getLine() + 1;
  }

  boolean isList() {
    return node instanceof SequenceNode;
  }

  boolean isNull() {
    return node.getTag().equals(Tag.NULL);
  }

  /** The children of a map, in file order; keys must be unique scalars. */
  Map<String, YamlNode> map() {
    if (!(node instanceof MappingNode m)) {
      throw error("must be a map of keys to values, was " + kind());
    }
    Map<String, YamlNode> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw error(
            "has a key that is not a plain word (line "
                + (t.getKeyNode().getStartMark().getLine() + 1)
                + ")");
      }
      String key = k.getValue();
      if (out.containsKey(key)) {
        throw new RoutingConfigException(
            child(key)
                + " (line "
                + (k.getStartMark().getLine() + 1)
                + "): duplicate key '"
                + key
                + "'");
      }
      out.put(key, new YamlNode(t.getValueNode(), child(key), secret || isSecretKey(key)));
    }
    return out;
  }

  /** Rejects keys outside {@code known}. */
  Map<String, YamlNode> mapWithKeys(Set<String> known) {
    Map<String, YamlNode> m = map();
    for (Map.Entry<String, YamlNode> e : m.entrySet()) {
      if (!known.contains(e.getKey())) {
        throw new RoutingConfigException(
            e.getValue().where()
                + ": unknown key '"
                + e.getKey()
                + "'; known keys: "
                + known.stream().sorted().toList());
      }
    }
    return m;
  }

  /** The items of a list. */
  List<YamlNode> list() {
    if (!(node instanceof SequenceNode s)) {
      throw error("must be a list, was " + kind());
    }
    List<YamlNode> out = new ArrayList<>();
    for (int i = 0; i < s.getValue().size(); i++) {
      out.add(new YamlNode(s.getValue().get(i), path + "[" + i + "]", secret));
    }
    return out;
  }

  /** A scalar's text. */
  String text() {
    if (!(node instanceof ScalarNode s) || isNull()) {
      throw error("must be a single value, was " + kind());
    }
    return s.getValue();
  }

  /** One value or a list of values, as strings. */
  List<String> texts() {
    if (isList()) {
      return list().stream().map(YamlNode::text).toList();
    }
    return List.of(text());
  }

  boolean bool() {
    String v = text().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    throw invalid("true or false");
  }

  int intIn(int min, int max) {
    try {
      int n = Integer.parseInt(text().trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw invalid("a whole number in " + min + ".." + max);
  }

  /** "{path} (line N): must be {expected}, was '{value}'", the value hidden for secrets. */
  RoutingConfigException invalid(String expected) {
    return error("must be " + expected + ", was " + shown());
  }

  RoutingConfigException error(String message) {
    return new RoutingConfigException(where() + ": " + message);
  }

  String where() {
    return path + " (line " + line() + ")";
  }

  /** The value as it may appear in a message. */
  String shown() {
    if (secret) {
      return "<hidden>";
    }
    if (node instanceof ScalarNode s) {
      return "'" + s.getValue() + "'";
    }
    return kind();
  }

  private String kind() {
    if (isNull()) {
      return "empty";
    }
    return node instanceof MappingNode
        ? "a map"
        : node instanceof SequenceNode ? "a list" : "a value";
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /**
   * Keys whose values never appear in messages: credentials, and personal data (an agent's mobile
   * or email).
   */
  static boolean isSecretKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    // Credentials follow the rule the job and the service share; the rest is personal data.
    return SecretKeys.isSecret(k) || k.contains("mobile") || k.contains("email") || k.equals("to");
  }
}
