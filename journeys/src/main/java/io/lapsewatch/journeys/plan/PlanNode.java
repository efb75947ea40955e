package io.lapsewatch.journeys.plan;

import io.lapsewatch.featurestore.events.Printable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A node of the composed plans YAML with its key path, so every error says where it is. Only plain
 * maps, lists and scalars are accepted; nothing is constructed from the file but strings.
 */
final class PlanNode {
  private static final Set<Tag> PLAIN =
      Set.of(Tag.MAP, Tag.SEQ, Tag.STR, Tag.INT, Tag.BOOL, Tag.FLOAT, Tag.NULL);

  private final Node node;
  private final String path;

  PlanNode(Node node, String path) {
    this.node = node;
    this.path = path;
    if (!PLAIN.contains(node.getTag())) {
      throw error(
          "has the tag " + node.getTag() + "; only plain maps, lists and values are allowed");
    }
  }

  /** The children of a map, in file order, refusing keys outside {@code known}. */
  Map<String, PlanNode> map(Set<String> known) {
    if (!(node instanceof MappingNode m)) {
      throw error("must be a map of keys to values, was " + kind());
    }
    Map<String, PlanNode> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw error("has a key that is not a plain word");
      }
      String key = k.getValue();
      PlanNode child = new PlanNode(t.getValueNode(), path.isEmpty() ? key : path + "." + key);
      if (!known.contains(key)) {
        throw child.error(
            "unknown key "
                + Printable.quote(key)
                + "; known keys: "
                + known.stream().sorted().toList());
      }
      if (out.put(key, child) != null) {
        throw child.error("duplicate key " + Printable.quote(key));
      }
    }
    return out;
  }

  List<PlanNode> list() {
    if (!(node instanceof SequenceNode s)) {
      throw error("must be a list, was " + kind());
    }
    List<PlanNode> out = new ArrayList<>();
    for (int i = 0; i < s.getValue().size(); i++) {
      out.add(new PlanNode(s.getValue().get(i), path + "[" + i + "]"));
    }
    return out;
  }

  /**
   * One value or a list of values, each as its own node so an error names the item and its line
   * (e.g. {@code plans[1].entry.tiers[2]}).
   */
  List<PlanNode> items() {
    return node instanceof SequenceNode ? list() : List.of(this);
  }

  String text() {
    if (!(node instanceof ScalarNode s) || node.getTag().equals(Tag.NULL)) {
      throw error("must be a single value, was " + kind());
    }
    return s.getValue();
  }

  boolean bool() {
    String v = text();
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
      // Reported below with the value.
    }
    throw invalid("a whole number from " + min + " to " + max);
  }

  PlanException invalid(String expected) {
    return error("must be " + expected + ", was " + shown());
  }

  PlanException error(String message) {
    return new PlanException(where() + ": " + message);
  }

  String where() {
    return (path.isEmpty() ? "the file" : path)
        + " (line "
        + (node.getStartMark().getLine() + 1)
        + ")";
  }

  private String shown() {
    return node instanceof ScalarNode s ? Printable.quote(s.getValue()) : kind();
  }

  private String kind() {
    if (node.getTag().equals(Tag.NULL)) {
      return "empty";
    }
    return node instanceof MappingNode
        ? "a map"
        : node instanceof SequenceNode ? "a list" : "a value";
  }
}
