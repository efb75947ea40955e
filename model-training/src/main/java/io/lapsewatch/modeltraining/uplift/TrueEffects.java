package io.lapsewatch.modeltraining.uplift;

import io.lapsewatch.modeltraining.uplift.AlertedTermHistory.TermKey;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The simulator's ground truth: each term's true effect of each action on renewal (columns {@code
 * policyholderId, policyId, renewalDate, action, type, effect}, written by {@code simulate
 * --truth-file}). For evaluation only; training never sees it.
 */
public final class TrueEffects {
  private static final List<String> COLUMNS =
      List.of("policyholderId", "policyId", "renewalDate", "action", "type", "effect");

  private final Map<String, Map<TermKey, Double>> byAction;

  private TrueEffects(Map<String, Map<TermKey, Double>> byAction) {
    this.byAction = byAction;
  }

  /** Effects given directly (tests). */
  public static TrueEffects of(Map<String, Map<TermKey, Double>> byAction) {
    return new TrueEffects(byAction);
  }

  /** Reads a truth CSV; a bad row fails naming its line and value. */
  public static TrueEffects read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--truth-file: no such file '" + file + "'");
    }
    Map<String, Map<TermKey, Double>> out = new HashMap<>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser csv =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
      for (String c : COLUMNS) {
        if (!csv.getHeaderMap().containsKey(c)) {
          throw new IllegalArgumentException(
              file + ": truth file needs column '" + c + "'; it has " + csv.getHeaderNames());
        }
      }
      for (CSVRecord r : csv) {
        String where = file + " line " + r.getRecordNumber();
        double effect;
        try {
          effect = Double.parseDouble(r.get("effect"));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              where + ": effect '" + r.get("effect") + "' is not a number");
        }
        TermKey k =
            new TermKey(
                r.get("policyholderId"), r.get("policyId"), day(r.get("renewalDate"), where));
        out.computeIfAbsent(action(r.get("action"), where), a -> new HashMap<>()).put(k, effect);
      }
    }
    return new TrueEffects(out);
  }

  /** The true effect of {@code action} on a term, or NaN when the file does not give it. */
  public double effect(String action, TermKey term) {
    Double d = byAction.getOrDefault(action, Map.of()).get(term);
    return d == null ? Double.NaN : d;
  }

  /** {@code offer} or {@code callback} from either the short or the contract name. */
  static String action(String value, String where) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "offer", "renewal_offer" -> AlertedTermHistory.OFFER;
      case "callback", "agent_callback" -> AlertedTermHistory.CALLBACK;
      default ->
          throw new IllegalArgumentException(
              where + ": action '" + value + "' is not offer or callback");
    };
  }

  /** An epoch day, written as a number or as yyyy-MM-dd. */
  static int day(String value, String where) {
    String v = value.trim();
    try {
      return v.contains("-") ? (int) LocalDate.parse(v).toEpochDay() : Integer.parseInt(v);
    } catch (NumberFormatException | DateTimeException e) {
      throw new IllegalArgumentException(
          where + ": renewalDate '" + value + "' is neither an epoch day nor yyyy-MM-dd");
    }
  }
}
