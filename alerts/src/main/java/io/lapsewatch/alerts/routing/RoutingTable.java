package io.lapsewatch.alerts.routing;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alerts.notify.EnrichedAlert;
import io.lapsewatch.alerts.notify.Notifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routing rules ready to use: which targets an alert goes to, and the agent directory that adds
 * branch, region and contact ids to alerts. Routes are tried in order; the first match wins unless
 * it says {@code continue}; an alert no route matches goes to the default receivers. Immutable; a
 * reload builds a new table.
 */
public final class RoutingTable implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RoutingTable.class);

  private final List<Route> routes;
  private final List<String> defaultReceivers;
  private final Map<String, AgentEntry> agents;
  private final Map<String, Target> targets;
  private final List<Target> always;
  private final String source;

  RoutingTable(
      List<Route> routes,
      List<String> defaultReceivers,
      Map<String, AgentEntry> agents,
      Map<String, Target> targets,
      String source) {
    this(routes, defaultReceivers, agents, targets, List.of(), source);
  }

  private RoutingTable(
      List<Route> routes,
      List<String> defaultReceivers,
      Map<String, AgentEntry> agents,
      Map<String, Target> targets,
      List<Target> always,
      String source) {
    this.routes = List.copyOf(routes);
    this.defaultReceivers = List.copyOf(defaultReceivers);
    this.agents = Map.copyOf(agents);
    this.targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    this.always = List.copyOf(always);
    this.source = source;
  }

  /**
   * This table with {@code target} added for every alert, whatever the routes say (the
   * retention-actions writer).
   *
   * @throws IllegalArgumentException when a receiver already has the target's name
   */
  public RoutingTable withTarget(Target target) {
    if (targets.containsKey(target.name())
        || always.stream().anyMatch(t -> t.name().equals(target.name()))) {
      throw new IllegalArgumentException(
          "receiver name '" + target.name() + "' is reserved; rename the receiver");
    }
    List<Target> more = new ArrayList<>(always);
    more.add(target);
    return new RoutingTable(routes, defaultReceivers, agents, targets, more, source);
  }

  /**
   * Every alert to every notifier, no rate limits: the behaviour without a routing file. Targets
   * are named after their channels, which must therefore differ.
   */
  public static RoutingTable broadcast(List<Notifier> notifiers) {
    Map<String, Target> targets = new LinkedHashMap<>();
    for (Notifier n : notifiers) {
      if (targets.put(n.channel(), new Target(n.channel(), n, Optional.empty())) != null) {
        // Metrics, dead letters and the notification log are per target.
        throw new IllegalArgumentException("two notifiers share the channel '" + n.channel() + "'");
      }
    }
    return new RoutingTable(
        List.of(), List.copyOf(targets.keySet()), Map.of(), targets, "no routing file");
  }

  /**
   * Every alert to every one of {@code targets}, each with its own rate limit: no routes, no agent
   * directory. For embedding the service (the demo) and tests.
   */
  public static RoutingTable fixed(List<Target> targets) {
    Map<String, Target> byName = new LinkedHashMap<>();
    for (Target t : targets) {
      if (byName.put(t.name(), t) != null) {
        throw new IllegalArgumentException("two targets share the name '" + t.name() + "'");
      }
    }
    return new RoutingTable(
        List.of(), List.copyOf(byName.keySet()), Map.of(), byName, "fixed targets");
  }

  /**
   * The alert with the attributes routing and messages use: the agent directory's entry for its
   * agent, overridden by attributes the record carries itself.
   */
  public EnrichedAlert enrich(Alert alert, Map<String, String> recordAttributes) {
    Map<String, String> attributes = new HashMap<>();
    if (alert.agentId != null) {
      AgentEntry agent = agents.get(alert.agentId);
      if (agent != null) {
        attributes.putAll(agent.attributes());
      }
    }
    recordAttributes.forEach(
        (k, v) -> {
          if (v != null && !v.isBlank()) {
            attributes.put(k, v);
          }
        });
    return new EnrichedAlert(alert, attributes);
  }

  /** The targets of {@code alert}, in order, each once. */
  public List<Target> targetsFor(EnrichedAlert alert) {
    Set<String> names = new LinkedHashSet<>();
    boolean matched = false;
    for (Route r : routes) {
      if (r.match().matches(alert)) {
        matched = true;
        names.addAll(r.receivers());
        if (!r.continueMatching()) {
          break;
        }
      }
    }
    if (!matched) {
      names.addAll(defaultReceivers);
    }
    List<Target> out = new ArrayList<>(names.size() + always.size());
    for (String n : names) {
      out.add(targets.get(n));
    }
    out.addAll(always);
    return out;
  }

  /**
   * The receiver named {@code name} in the routing file (or the fixed and broadcast targets), for
   * an alert that is only a message to it ({@code messageTo}); never one of the targets every alert
   * goes to (the retention-actions writer), which a message must not reach.
   */
  public Optional<Target> receiver(String name) {
    return Optional.ofNullable(targets.get(name));
  }

  /** The receiver names {@link #receiver} knows, in file order: for an unknown name's message. */
  public Set<String> receiverNames() {
    return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(targets.keySet()));
  }

  /** Every target, in the order the file defines them, then those every alert goes to. */
  public Collection<Target> targets() {
    List<Target> all = new ArrayList<>(targets.values());
    all.addAll(always);
    return all;
  }

  public List<Route> routes() {
    return routes;
  }

  public List<String> defaultReceivers() {
    return defaultReceivers;
  }

  /** Where the rules came from, e.g. the file name. */
  public String source() {
    return source;
  }

  /** A one-line summary for the log: no URLs, no secrets. */
  public String describe() {
    List<String> t = new ArrayList<>();
    targets.values().forEach(x -> t.add(x.name() + "=" + x.channel()));
    return routes.size()
        + " routes, default "
        + defaultReceivers
        + ", receivers "
        + t
        + ", "
        + agents.size()
        + " agents ("
        + source
        + ")";
  }

  /** Closes the notifiers. */
  @Override
  public void close() {
    for (Target t : targets()) {
      try {
        t.notifier().close();
      } catch (Exception e) {
        LOG.warn("Closing receiver {} failed: {}", t.name(), e.toString());
      }
    }
  }
}
