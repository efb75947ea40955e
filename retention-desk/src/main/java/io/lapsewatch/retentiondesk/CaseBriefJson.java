package io.lapsewatch.retentiondesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.ContractRange;
import io.lapsewatch.alertcontract.Reason;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.featurestore.events.InvalidRecordException;
import io.lapsewatch.featurestore.events.JsonFields;
import java.util.List;

/** A {@link CaseBrief} as JSON, with the alert contract's rules for its fields and reasons. */
final class CaseBriefJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CaseBriefJson() {}

  static ObjectNode write(CaseBrief b) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("tier", b.tier().name());
    n.put("riskBand", b.riskBand().name());
    n.put("annualPremium", b.annualPremium());
    AlertJson.writeReasons(n.putArray("reasons"), b.reasons().toArray(new Reason[0]));
    if (b.featureAgeSeconds() != null) {
      n.put("featureAgeSeconds", b.featureAgeSeconds().longValue());
    }
    return n;
  }

  static CaseBrief read(JsonNode n) throws InvalidRecordException {
    if (!n.isObject()) {
      throw new InvalidRecordException(
          JsonFields.WRONG_TYPE, "field 'brief' must be an object, was " + n.getNodeType());
    }
    return new CaseBrief(
        JsonFields.enumValue(n, "tier", Tier.class),
        JsonFields.enumValue(n, "riskBand", RiskBand.class),
        JsonFields.number(n, "annualPremium", 0, ContractRange.MAX_AMOUNT),
        List.of(AlertJson.readReasons(n.get("reasons"))),
        // Optional: cases opened before alerts carried a feature age have none.
        n.has("featureAgeSeconds")
            ? JsonFields.integer(n, "featureAgeSeconds", 0, AlertJson.MAX_FEATURE_AGE_SECONDS)
            : null);
  }
}
