package io.lapsewatch.alerts.routing;

import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.featurestore.events.Ids;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the routing file's {@code routes} entries and receiver lists. */
final class RouteParser {
  private static final Set<String> ROUTE = Set.of("name", "match", "receivers", "continue");
  private static final Set<String> MATCH =
      Set.of("tier", "action", "risk-band", "agent", "branch", "region", "journeys", "steps");

  private final ResolvedValues values;

  RouteParser(ResolvedValues values) {
    this.values = values;
  }

  /** One route; {@code receivers} are the names defined under {@code receivers}. */
  Route route(YamlNode node, Set<String> receivers) {
    Map<String, YamlNode> m = node.mapWithKeys(ROUTE);
    String name = m.containsKey("name") ? m.get("name").text() : node.path();
    RouteMatch match = RouteMatch.ANY;
    YamlNode matchNode = m.get("match");
    if (matchNode != null && !matchNode.isNull()) {
      Map<String, YamlNode> mm = matchNode.mapWithKeys(MATCH);
      match =
          new RouteMatch(
              enums(mm.get("tier"), Tier.class),
              enums(mm.get("action"), RetentionAction.class),
              enums(mm.get("risk-band"), RiskBand.class),
              strings(mm.get("agent")),
              strings(mm.get("branch")),
              strings(mm.get("region")),
              ids(mm.get("journeys"), "a journey plan id"),
              ids(mm.get("steps"), "a journey step id"));
    }
    List<String> names = receiverNames(require(m, "receivers", node), receivers);
    boolean cont = m.containsKey("continue") && m.get("continue").bool();
    return new Route(name, match, names, cont, node.line());
  }

  /** A receiver name or a list of them, each one of {@code defined}. */
  static List<String> receiverNames(YamlNode node, Set<String> defined) {
    List<YamlNode> items = node.isList() ? node.list() : List.of(node);
    if (items.isEmpty()) {
      throw node.error("must name at least one receiver");
    }
    Set<String> out = new LinkedHashSet<>();
    for (YamlNode item : items) {
      String name = item.text();
      if (!defined.contains(name)) {
        throw item.error("unknown receiver '" + name + "'; defined receivers: " + defined);
      }
      out.add(name);
    }
    return List.copyOf(out);
  }

  /** {@code m.get(key)}, which must be present and not null. */
  static YamlNode require(Map<String, YamlNode> m, String key, YamlNode parent) {
    YamlNode n = m.get(key);
    if (n == null || n.isNull()) {
      throw new RoutingConfigException(
          (parent.path().isEmpty() ? key : parent.path() + "." + key)
              + " is required (near line "
              + parent.line()
              + ")");
    }
    return n;
  }

  private static <E extends Enum<E>> Set<E> enums(YamlNode node, Class<E> type) {
    if (node == null || node.isNull()) {
      return Set.of();
    }
    Set<E> out = new HashSet<>();
    List<YamlNode> items = node.isList() ? node.list() : List.of(node);
    for (YamlNode item : items) {
      String v = item.text().trim().toUpperCase(Locale.ROOT).replace('-', '_');
      try {
        out.add(Enum.valueOf(type, v));
      } catch (IllegalArgumentException e) {
        throw item.error(
            "unknown value "
                + item.shown()
                + "; expected one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
      }
    }
    return out;
  }

  /**
   * Plan or step ids, held to the contract's id rule: a value the job can never write (a typo with
   * a space, say) would make the route silently match nothing, so it fails the load instead.
   */
  private static Set<String> ids(YamlNode node, String what) {
    if (node == null || node.isNull()) {
      return Set.of();
    }
    Set<String> out = new HashSet<>();
    for (YamlNode item : node.isList() ? node.list() : List.of(node)) {
      String id = item.text();
      if (!Ids.isValid(id)) {
        throw item.invalid(what + " (" + Ids.RULE + ")");
      }
      out.add(id);
    }
    return out;
  }

  private Set<String> strings(YamlNode node) {
    if (node == null || node.isNull()) {
      return Set.of();
    }
    Set<String> out = new HashSet<>();
    for (YamlNode item : node.isList() ? node.list() : List.of(node)) {
      out.add(values.of(item));
    }
    return out;
  }
}
