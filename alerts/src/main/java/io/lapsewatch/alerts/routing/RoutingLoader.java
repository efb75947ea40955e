package io.lapsewatch.alerts.routing;

import io.lapsewatch.alertcontract.settings.SecretResolver;
import io.lapsewatch.alerts.notify.HttpOptions;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and validates a routing file (YAML, version 1) and builds its receivers. Every error names
 * the file, the key path, the line and the bad value (hidden when it is a secret or personal data),
 * and says what was expected. See the module README for the format.
 */
public final class RoutingLoader {
  private static final Logger LOG = LoggerFactory.getLogger(RoutingLoader.class);

  /** The largest routing file accepted. */
  static final int MAX_FILE_CHARS = 1_000_000;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  /** Target names the service uses itself (the retention-actions writer). */
  static final Set<String> RESERVED = Set.of("retention-actions");

  private static final Set<String> TOP =
      Set.of("version", "defaults", "agents", "receivers", "routes", "default");

  private final ResolvedValues values;
  private final ReceiverBuilder receivers;
  private final RouteParser routeParser;

  /**
   * @param http transport defaults for receivers (timeouts, retries); a receiver's own {@code
   *     max-attempts}, {@code timeout-ms}... override them
   */
  public RoutingLoader(SecretResolver secrets, HttpOptions http) {
    this.values = new ResolvedValues(secrets);
    this.receivers = new ReceiverBuilder(values, http);
    this.routeParser = new RouteParser(values);
  }

  /** Parses {@code content}, read from {@code file}; errors are prefixed with the file's name. */
  public RoutingTable load(Path file, byte[] content) {
    if (content.length > MAX_FILE_CHARS) {
      throw new RoutingConfigException(
          "routing file " + file + " is larger than " + MAX_FILE_CHARS + " bytes");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
    } catch (CharacterCodingException e) {
      throw new RoutingConfigException(
          "cannot read routing file "
              + file
              + ": "
              + e.getClass().getSimpleName()
              + " "
              + e.getMessage(),
          e);
    }
    return parse(text, file.getFileName().toString());
  }

  /** Parses routing YAML; {@code source} names it in errors. */
  public RoutingTable parse(String yaml, String source) {
    try {
      return build(compose(yaml), source);
    } catch (RoutingConfigException e) {
      throw new RoutingConfigException("routing file " + source + ": " + e.getMessage(), e);
    }
  }

  private static YamlNode compose(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setAllowRecursiveKeys(false);
    options.setCodePointLimit(MAX_FILE_CHARS);
    // Only composed into nodes, never constructed: no type is ever instantiated from the file.
    Yaml parser = new Yaml(new SafeConstructor(options));
    Node root;
    try {
      root = parser.compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new RoutingConfigException("not valid YAML at line " + line + ": " + e.getProblem());
    } catch (YAMLException e) {
      throw new RoutingConfigException("not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      throw new RoutingConfigException("is empty; it needs at least receivers and default");
    }
    return new YamlNode(root, "", false);
  }

  private RoutingTable build(YamlNode root, String source) {
    Map<String, YamlNode> top = root.mapWithKeys(TOP);
    YamlNode version = top.get("version");
    if (version == null || !version.text().trim().equals("1")) {
      throw (version == null ? root : version)
          .error(
              "version must be 1" + (version == null ? " (missing)" : ", was " + version.shown()));
    }
    ReceiverDefaults defaults = ReceiverDefaults.of(top.get("defaults"));
    Map<String, AgentEntry> agents = agents(top.get("agents"));

    YamlNode receiversNode = RouteParser.require(top, "receivers", root);
    Map<String, Target> targets = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, YamlNode> e : receiversNode.map().entrySet()) {
        if (RESERVED.contains(e.getKey())) {
          throw e.getValue()
              .error("receiver name '" + e.getKey() + "' is reserved for the service; rename it");
        }
        if (!NAME.matcher(e.getKey()).matches()) {
          throw e.getValue()
              .error(
                  "receiver name '"
                      + e.getKey()
                      + "' must be lower-case letters, digits, '-' or '_' (at most 63)");
        }
        targets.put(e.getKey(), receivers.build(e.getKey(), e.getValue(), defaults));
      }
      if (targets.isEmpty()) {
        throw receiversNode.error("must define at least one receiver");
      }
      List<Route> routes = new ArrayList<>();
      YamlNode routesNode = top.get("routes");
      if (routesNode != null && !routesNode.isNull()) {
        for (YamlNode r : routesNode.list()) {
          routes.add(routeParser.route(r, targets.keySet()));
        }
      }
      YamlNode def = RouteParser.require(top, "default", root);
      Map<String, YamlNode> defMap = def.mapWithKeys(Set.of("receivers"));
      List<String> defaultReceivers =
          RouteParser.receiverNames(
              RouteParser.require(defMap, "receivers", def), targets.keySet());

      Set<String> used = new HashSet<>(defaultReceivers);
      routes.forEach(r -> used.addAll(r.receivers()));
      for (String name : targets.keySet()) {
        if (!used.contains(name)) {
          // Journey messages (messageTo) may be all it is for: a hint, not an error.
          LOG.warn(
              "Routing file {}: receiver '{}' is defined but no route uses it; only journey"
                  + " messages naming it (messageTo) reach it",
              source,
              name);
        }
      }
      return new RoutingTable(routes, defaultReceivers, agents, targets, source);
    } catch (RuntimeException e) {
      // Receivers already built hold HTTP clients and sessions; nothing may leak on a bad file.
      targets.values().forEach(t -> t.notifier().close());
      throw e;
    }
  }

  private Map<String, AgentEntry> agents(YamlNode node) {
    Map<String, AgentEntry> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    for (Map.Entry<String, YamlNode> e : node.map().entrySet()) {
      Map<String, String> attributes = new LinkedHashMap<>();
      for (Map.Entry<String, YamlNode> a :
          e.getValue().mapWithKeys(AgentEntry.KEYS.keySet()).entrySet()) {
        attributes.put(AgentEntry.KEYS.get(a.getKey()), values.of(a.getValue()));
      }
      out.put(e.getKey(), new AgentEntry(attributes));
    }
    return out;
  }
}
