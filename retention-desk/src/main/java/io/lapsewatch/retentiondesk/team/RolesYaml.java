package io.lapsewatch.retentiondesk.team;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A node of the roles file with its key path, read as text only: the file is composed into nodes
 * and never constructed, so no type is instantiated from it and {@code 0123} stays {@code "0123"}
 * (not an octal number).
 */
final class RolesYaml {
  static final int MAX_CHARS = 1_000_000;

  private final Node node;
  private final String path;

  private RolesYaml(Node node, String path) {
    this.node = node;
    this.path = path;
  }

  /** The root node of {@code yaml}. */
  static RolesYaml root(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setAllowRecursiveKeys(false);
    options.setCodePointLimit(MAX_CHARS);
    Node root;
    try {
      root = new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new RolesFileException("not valid YAML at line " + line + ": " + e.getProblem());
    } catch (YAMLException e) {
      throw new RolesFileException("not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      throw new RolesFileException("is empty; it needs branches, senior-pool-branch and users");
    }
    return new RolesYaml(root, "");
  }

  String path() {
    return path.isEmpty() ? "(top level)" : path;
  }

  RolesFileException error(String what) {
    return new RolesFileException(
        path() + " (line " + (node.getStartMark().getLine() + 1) + "): " + what);
  }

  /** The mapping's entries by key; a key outside {@code allowed} is an error naming it. */
  Map<String, RolesYaml> map(Set<String> allowed) {
    if (!(node instanceof MappingNode m)) {
      throw error("must be a mapping of " + allowed);
    }
    Map<String, RolesYaml> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw error("keys must be plain words");
      }
      String key = k.getValue();
      String childPath = path.isEmpty() ? key : path + "." + key;
      if (!allowed.contains(key)) {
        throw new RolesYaml(t.getKeyNode(), childPath)
            .error("unknown key '" + key + "'; known keys: " + allowed);
      }
      out.put(key, new RolesYaml(t.getValueNode(), childPath));
    }
    return out;
  }

  /** True when this node is a mapping (else a list or a single value). */
  boolean isMap() {
    return node instanceof MappingNode;
  }

  /** The sequence's items. */
  List<RolesYaml> list() {
    if (!(node instanceof SequenceNode s)) {
      throw error("must be a list");
    }
    List<Node> items = s.getValue();
    ArrayList<RolesYaml> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      out.add(new RolesYaml(items.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  /** The scalar's text. */
  String text() {
    if (!(node instanceof ScalarNode s)) {
      throw error("must be a single value");
    }
    return s.getValue();
  }
}
