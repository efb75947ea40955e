package io.lapsewatch.cli;

import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeJson;
import io.lapsewatch.featurestore.store.RedisConnections;
import io.lapsewatch.featurestore.store.RedisSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * {@code compare-run --bootstrap-servers B --topic T --reference-topic R [--outcomes-topic O
 * --reference-outcomes-topic RO] [--redis-url U --reference-redis-url RU] [--injected N]}: what a
 * run of the scoring job produced against a reference run of the same input. Exit code 1 when an
 * alert, outcome or stored feature vector of the reference is missing or different.
 */
final class CompareRunCommand {
  /** Feature hashes of every schema version ({@code lw:f:v1:{id}}). */
  static final String FEATURE_KEYS = "lw:f:*";

  private CompareRunCommand() {}

  static int run(CompareRunOptions a, PrintStream out) throws Exception {
    String bootstrap = a.bootstrap();
    String topic = a.topic;
    String referenceTopic = a.referenceTopic;
    String outcomes = a.outcomesTopic;
    String referenceOutcomes = a.referenceOutcomesTopic;
    String redisUrl = a.redisUrl;
    String referenceRedisUrl = a.referenceRedisUrl;
    long injected = a.injected;
    if (bootstrap == null) {
      throw new IllegalArgumentException("--bootstrap-servers is required");
    }
    if ((outcomes == null) != (referenceOutcomes == null)) {
      throw new IllegalArgumentException(
          "give both --outcomes-topic and --reference-outcomes-topic, or neither");
    }
    if ((redisUrl == null) != (referenceRedisUrl == null)) {
      throw new IllegalArgumentException(
          "give both --redis-url and --reference-redis-url, or neither");
    }

    if (injected >= 0) {
      out.printf("injected events:  %,d%n", injected);
    }
    boolean ok = true;
    RunComparison.Ids alerts =
        RunComparison.ids(alertIds(bootstrap, referenceTopic), alertIds(bootstrap, topic));
    ok &= report(out, "alerts", topic, referenceTopic, alerts);
    if (outcomes != null) {
      RunComparison.Ids o =
          RunComparison.ids(
              outcomeIds(bootstrap, referenceOutcomes), outcomeIds(bootstrap, outcomes));
      ok &= report(out, "outcomes", outcomes, referenceOutcomes, o);
    }
    if (redisUrl != null) {
      RunComparison.Hashes h =
          RunComparison.hashes(featureHashes(referenceRedisUrl), featureHashes(redisUrl));
      out.printf(
          "feature vectors:  expected %,d, equal %,d, missing %,d, differing %,d, unexpected %,d%n",
          h.expected(), h.equal(), h.missing().size(), h.differing().size(), h.unexpected().size());
      if (!h.matches()) {
        out.println(
            "  missing"
                + RunComparison.sample(h.missing(), 5)
                + "; differing"
                + RunComparison.sample(h.differing(), 5)
                + "; unexpected"
                + RunComparison.sample(h.unexpected(), 5));
      }
      ok &= h.matches() && h.expected() > 0;
    }
    out.println(ok ? "NO LOSS: the run matches the reference" : "MISMATCH: see above");
    return ok ? 0 : 1;
  }

  private static boolean report(
      PrintStream out, String what, String topic, String reference, RunComparison.Ids ids) {
    out.printf(
        "%-9s expected %,d (%s), records %,d (%s), present %,d, lost %,d, duplicates %,d,"
            + " unexpected %,d%n",
        what + ":",
        ids.expected(),
        reference,
        ids.records(),
        topic,
        ids.present(),
        ids.lost().size(),
        ids.duplicates(),
        ids.unexpected().size());
    if (!ids.matches()) {
      out.println(
          "  lost"
              + RunComparison.sample(ids.lost(), 5)
              + "; unexpected"
              + RunComparison.sample(ids.unexpected(), 5));
    }
    // An empty reference proves nothing: the comparison would pass on any run.
    return ids.matches() && ids.expected() > 0;
  }

  static List<String> alertIds(String bootstrap, String topic) throws IOException {
    List<String> ids = new ArrayList<>();
    for (byte[] value : Topics.readAll(bootstrap, topic)) {
      if (value == null) {
        continue; // an erasure tombstone, not an alert
      }
      ids.add(AlertJson.parse(value).alertId);
    }
    return ids;
  }

  /** One id per alert and its resolution, so a changed outcome counts as lost and unexpected. */
  static List<String> outcomeIds(String bootstrap, String topic) throws IOException {
    List<String> ids = new ArrayList<>();
    for (byte[] value : Topics.readAll(bootstrap, topic)) {
      Outcome o = OutcomeJson.parse(value);
      ids.add(o.alertId + "/" + o.outcome);
    }
    return ids;
  }

  /** Every stored feature hash, by key. */
  static Map<String, Map<String, String>> featureHashes(String redisUrl) {
    Map<String, Map<String, String>> all = new TreeMap<>();
    try (UnifiedJedis jedis = RedisConnections.open(RedisSettings.parse(redisUrl, null, false))) {
      ScanParams params = new ScanParams().match(FEATURE_KEYS).count(1000);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = jedis.scan(cursor, params);
        for (String key : page.getResult()) {
          all.put(key, new HashMap<>(jedis.hgetAll(key)));
        }
        cursor = page.getCursor();
      } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }
    return all;
  }
}
