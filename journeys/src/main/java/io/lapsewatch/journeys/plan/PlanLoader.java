package io.lapsewatch.journeys.plan;

import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.featurestore.events.Printable;
import io.lapsewatch.featurestore.features.Feature;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads a journey plans file (format version 1) and checks all of it before anything runs: every
 * error names the file, the key path, the line and the value. See {@code docs/journeys.md}.
 */
public final class PlanLoader {
  /** Largest plans file accepted. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  /** Plan and step ids: they become metric labels and parts of alert ids. */
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");

  private static final Pattern WORD = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
  private static final int MAX_PLANS = 50;
  private static final int MAX_STEPS = 20;
  private static final int MAX_DAYS = 366;

  private static final Set<String> TOP = Set.of("version", "plans");
  private static final Set<String> PLAN =
      Set.of("id", "version", "priority", "entry", "exits", "risk-fallen-below", "steps");
  private static final Set<String> ENTRY =
      Set.of("tiers", "risk-bands", "product-lines", "orphaned", "reasons");
  private static final Set<String> STEP =
      Set.of("id", "after-days", "within-days", "when", "if-skipped", "action", "channel", "to");
  private static final Set<String> WHEN =
      Set.of(
          "engaged-since-last-step",
          "risk-at-least",
          "callback-unreachable-at-least",
          "offer-received");

  private PlanLoader() {}

  /** Reads and validates {@code file}. */
  public static JourneyPlans load(Path file) {
    byte[] content;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new PlanException(
            "journey plans file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
      }
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new PlanException(
          "cannot read journey plans file " + file + ": " + e.getClass().getSimpleName());
    }
    return parse(utf8(content, file), file.getFileName().toString());
  }

  /** The file's text; bytes that are not UTF-8 are refused with their line, not replaced. */
  private static String utf8(byte[] content, Path file) {
    ByteBuffer in = ByteBuffer.wrap(content);
    CharBuffer out = CharBuffer.allocate(content.length);
    CoderResult r =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(in, out, true);
    if (r.isError()) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) {
        if (content[i] == '\n') {
          line++;
        }
      }
      throw new PlanException(
          "journey plans file "
              + file
              + " is not valid UTF-8: byte "
              + String.format("0x%02x", content[in.position()] & 0xff)
              + " at line "
              + line
              + "; save it as UTF-8");
    }
    return out.flip().toString();
  }

  /** Parses plans YAML; {@code source} names it in errors. */
  public static JourneyPlans parse(String yaml, String source) {
    try {
      if (yaml.length() > MAX_FILE_BYTES) {
        throw new PlanException("is larger than " + MAX_FILE_BYTES + " characters");
      }
      return plans(compose(yaml));
    } catch (PlanException e) {
      throw new PlanException("journey plans file " + source + ": " + e.getMessage());
    }
  }

  private static PlanNode compose(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setAllowRecursiveKeys(false);
    options.setCodePointLimit(MAX_FILE_BYTES);
    Node root;
    try {
      // Composed into nodes only, never constructed: no type is instantiated from the file.
      root = new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      // The parser's words may quote the offending character raw.
      throw new PlanException(
          "not valid YAML at line " + line + ": " + Printable.escape(e.getProblem(), 200));
    } catch (ReaderException e) {
      throw new PlanException(
          "not valid YAML at line "
              + lineAt(yaml, e.getPosition())
              + ": the character "
              + Printable.quote(new String(Character.toChars(e.getCodePoint())))
              + " is not allowed in YAML");
    } catch (YAMLException e) {
      throw new PlanException("not valid YAML: " + e.getClass().getSimpleName());
    }
    if (root == null) {
      throw new PlanException("is empty; it needs 'version: 1' and 'plans'");
    }
    return new PlanNode(root, "");
  }

  /** The 1-based line of the code point at {@code codePointIndex}. */
  private static int lineAt(String text, int codePointIndex) {
    int end =
        text.offsetByCodePoints(0, Math.min(codePointIndex, text.codePointCount(0, text.length())));
    return 1 + (int) text.substring(0, end).chars().filter(c -> c == '\n').count();
  }

  private static JourneyPlans plans(PlanNode root) {
    Map<String, PlanNode> top = root.map(TOP);
    require(top, "version", root).intIn(1, 1);
    List<PlanNode> items = require(top, "plans", root).list();
    if (items.isEmpty() || items.size() > MAX_PLANS) {
      throw top.get("plans").invalid("a list of 1 to " + MAX_PLANS + " plans");
    }
    List<JourneyPlan> plans = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (PlanNode item : items) {
      JourneyPlan p = plan(item);
      if (!seen.add(p.id() + "|" + p.version())) {
        throw item.error("plan " + p.label() + " is defined twice");
      }
      plans.add(p);
    }
    return new JourneyPlans(plans);
  }

  private static JourneyPlan plan(PlanNode node) {
    Map<String, PlanNode> m = node.map(PLAN);
    String id = id(require(m, "id", node));
    int version = require(m, "version", node).intIn(1, 1_000_000);
    int priority = m.containsKey("priority") ? m.get("priority").intIn(0, 1000) : 0;
    PlanEntry entry =
        m.containsKey("entry")
            ? entry(m.get("entry"))
            : new PlanEntry(Set.of(), Set.of(), Set.of(), null, Set.of());
    Set<ExitReason> exits = EnumSet.copyOf(ExitReason.ALWAYS);
    if (m.containsKey("exits")) {
      for (PlanNode e : m.get("exits").items()) {
        exits.add(listableExit(e));
      }
    }
    RiskBand fallenBelow = RiskBand.MEDIUM;
    if (m.containsKey("risk-fallen-below")) {
      if (!exits.contains(ExitReason.RISK_FALLEN)) {
        throw m.get("risk-fallen-below").error("is set but 'exits' does not list risk-fallen");
      }
      fallenBelow = enumValue(m.get("risk-fallen-below"), RiskBand.class);
    }
    List<PlanNode> stepNodes = require(m, "steps", node).list();
    if (stepNodes.isEmpty() || stepNodes.size() > MAX_STEPS) {
      throw m.get("steps").invalid("a list of 1 to " + MAX_STEPS + " steps");
    }
    List<PlanStep> steps = new ArrayList<>();
    Set<String> stepIds = new HashSet<>();
    for (PlanNode s : stepNodes) {
      PlanStep step = step(s);
      if (!stepIds.add(step.id())) {
        throw s.error("step id " + Printable.quote(step.id()) + " is used twice in plan " + id);
      }
      steps.add(step);
    }
    return new JourneyPlan(id, version, priority, entry, exits, fallenBelow, steps);
  }

  private static PlanEntry entry(PlanNode node) {
    Map<String, PlanNode> m = node.map(ENTRY);
    Set<Tier> tiers = enumValues(m.get("tiers"), Tier.class);
    Set<RiskBand> bands = enumValues(m.get("risk-bands"), RiskBand.class);
    Set<String> products = new LinkedHashSet<>();
    if (m.containsKey("product-lines")) {
      for (PlanNode item : m.get("product-lines").items()) {
        String p = item.text();
        if (!WORD.matcher(p).matches()) {
          throw item.invalid("a product line in capitals such as MOTOR");
        }
        products.add(p);
      }
    }
    Boolean orphaned = m.containsKey("orphaned") ? m.get("orphaned").bool() : null;
    Set<String> reasons = new LinkedHashSet<>();
    if (m.containsKey("reasons")) {
      for (PlanNode r : m.get("reasons").items()) {
        reasons.add(feature(r));
      }
    }
    return new PlanEntry(tiers, bands, products, orphaned, reasons);
  }

  private static PlanStep step(PlanNode node) {
    Map<String, PlanNode> m = node.map(STEP);
    String id = id(require(m, "id", node));
    int after = m.containsKey("after-days") ? m.get("after-days").intIn(0, MAX_DAYS) : 0;
    int within = m.containsKey("within-days") ? m.get("within-days").intIn(0, MAX_DAYS) : 0;
    StepCondition when = m.containsKey("when") ? condition(m.get("when")) : StepCondition.ALWAYS;
    boolean exitIfSkipped = false;
    if (m.containsKey("if-skipped")) {
      String v = m.get("if-skipped").text();
      if (!v.equals("exit") && !v.equals("next")) {
        throw m.get("if-skipped").invalid("exit or next");
      }
      exitIfSkipped = v.equals("exit");
    }
    PlanNode actionNode = require(m, "action", node);
    StepAction.Kind kind =
        switch (actionNode.text()) {
          case "renewal-offer" -> StepAction.Kind.RENEWAL_OFFER;
          case "callback" -> StepAction.Kind.CALLBACK;
          case "message" -> StepAction.Kind.MESSAGE;
          default -> throw actionNode.invalid("one of renewal-offer, callback, message");
        };
    String channel = null;
    if (m.containsKey("channel")) {
      if (kind != StepAction.Kind.RENEWAL_OFFER) {
        throw m.get("channel").error("is only for action renewal-offer");
      }
      channel = m.get("channel").text();
      if (!WORD.matcher(channel).matches()) {
        throw m.get("channel").invalid("a channel in capitals such as EMAIL or SMS");
      }
    }
    String to = null;
    if (kind == StepAction.Kind.MESSAGE) {
      to = require(m, "to", node).text();
      if (!ID_OR_NAME.matcher(to).matches()) {
        throw m.get("to").invalid("a receiver name from the routing file (letters, digits, - _ .)");
      }
    } else if (m.containsKey("to")) {
      throw m.get("to").error("is only for action message");
    }
    return new PlanStep(id, after, within, when, exitIfSkipped, new StepAction(kind, channel, to));
  }

  private static final Pattern ID_OR_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private static StepCondition condition(PlanNode node) {
    Map<String, PlanNode> m = node.map(WHEN);
    Boolean engaged =
        m.containsKey("engaged-since-last-step") ? m.get("engaged-since-last-step").bool() : null;
    RiskBand risk = null;
    boolean riskAtEntry = false;
    if (m.containsKey("risk-at-least")) {
      PlanNode r = m.get("risk-at-least");
      if ("entry".equals(r.text())) {
        riskAtEntry = true;
      } else {
        risk = enumValue(r, RiskBand.class);
      }
    }
    int unreachable =
        m.containsKey("callback-unreachable-at-least")
            ? m.get("callback-unreachable-at-least").intIn(1, 20)
            : 0;
    Boolean offer = m.containsKey("offer-received") ? m.get("offer-received").bool() : null;
    return new StepCondition(engaged, risk, riskAtEntry, unreachable, offer);
  }

  private static String id(PlanNode node) {
    String v = node.text();
    if (!ID.matcher(v).matches()) {
      throw node.invalid(
          "an id of 1-48 lower-case letters, digits and '-', starting with a letter or digit");
    }
    return v;
  }

  private static ExitReason listableExit(PlanNode node) {
    String value = node.text();
    for (ExitReason r : ExitReason.LISTABLE) {
      if (r.yamlName().equals(value)) {
        return r;
      }
    }
    throw node.error(
        "must list exits from "
            + ExitReason.LISTABLE.stream().map(ExitReason::yamlName).toList()
            + ", was "
            + Printable.quote(value));
  }

  private static String feature(PlanNode node) {
    String value = node.text();
    for (Feature f : Feature.values()) {
      if (f.name().equalsIgnoreCase(value)) {
        return f.name().toLowerCase(Locale.ROOT);
      }
    }
    throw node.error("must list feature names such as orphaned, was " + Printable.quote(value));
  }

  private static <E extends Enum<E>> Set<E> enumValues(PlanNode node, Class<E> type) {
    Set<E> out = EnumSet.noneOf(type);
    if (node != null) {
      for (PlanNode item : node.items()) {
        out.add(enumValue(item, type));
      }
    }
    return out;
  }

  private static <E extends Enum<E>> E enumValue(PlanNode node, Class<E> type) {
    return parseEnum(node, node.text(), type);
  }

  private static <E extends Enum<E>> E parseEnum(PlanNode node, String v, Class<E> type) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(v)) {
        return e;
      }
    }
    throw node.error(
        "must be one of "
            + Arrays.toString(type.getEnumConstants())
            + ", was "
            + Printable.quote(v));
  }

  private static PlanNode require(Map<String, PlanNode> m, String key, PlanNode parent) {
    PlanNode n = m.get(key);
    if (n == null) {
      throw parent.error("needs the key '" + key + "'");
    }
    return n;
  }
}
