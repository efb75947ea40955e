package io.lapsewatch.featurestore.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOLDER = "PH00000042";
  private static final String POLICY = "PO00000042-0";
  private static final Instant AT = Instant.parse("2025-03-14T09:26:53.589Z");

  /** A well-formed event of each type, built the way producers would build it. */
  private static PolicyEvent sample(EventType type) {
    String id = "ev-" + type.name().toLowerCase();
    switch (type) {
      case POLICY_ISSUED:
        return Events.issued(
            id,
            HOLDER,
            AT,
            POLICY,
            "MOTOR",
            "AGENT",
            "AG0007",
            1234.56,
            LocalDate.of(2024, 4, 1),
            LocalDate.of(2025, 4, 1));
      case POLICY_RENEWED:
        return Events.renewed(id, HOLDER, AT, POLICY, 1300.10, LocalDate.of(2026, 4, 1));
      case POLICY_LAPSED:
        return Events.lapsed(id, HOLDER, AT, POLICY);
      case POLICY_CANCELLED:
        return Events.cancelled(id, HOLDER, AT, POLICY);
      case PREMIUM_PAID:
        return Events.premiumPaid(id, HOLDER, AT, POLICY, 102.88);
      case PREMIUM_MISSED:
        return Events.premiumMissed(id, HOLDER, AT, POLICY, 102.88);
      case CLAIM_FILED:
        return Events.claimFiled(id, HOLDER, AT, POLICY, "CL-1", 850.0);
      case CLAIM_SETTLED:
        return Events.claimSettled(id, HOLDER, AT, POLICY, "CL-1", false, 41);
      case COMPLAINT_OPENED:
        return Events.complaintOpened(id, HOLDER, AT, POLICY, "CP-1");
      case COMPLAINT_RESOLVED:
        return Events.complaintResolved(id, HOLDER, AT, POLICY, "CP-1");
      case SURVEY_RESPONSE:
        return Events.survey(id, HOLDER, AT, "NPS", 3);
      case DIGITAL_SESSION:
        return Events.session(id, HOLDER, AT, "WECHAT", "RENEWAL");
      case SERVICE_CONTACT:
        return Events.serviceContact(id, HOLDER, AT, "CANCELLATION_ENQUIRY");
      case AGENT_LEFT:
        return Events.agentLeft(id, HOLDER, AT, POLICY, "AG0007");
      case RENEWAL_QUOTED:
        return Events.renewalQuoted(id, HOLDER, AT, POLICY, 1234.56, 1481.47);
      case OFFER_SENT:
        {
          PolicyEvent e = bare(id, type, POLICY);
          e.refId = "OF-9";
          return e;
        }
      case CALLBACK_COMPLETED:
        {
          PolicyEvent e = bare(id, type, POLICY);
          e.topic = "RENEWAL_AGREED";
          return e;
        }
      case POLICYHOLDER_ERASED:
        return Events.erased(id, HOLDER, AT);
      case CONTACT_CONSENT_CHANGED:
        return Events.consentChanged(id, HOLDER, AT, true, "SMS");
      default:
        throw new AssertionError("no sample event for new type " + type + "; add one");
    }
  }

  private static PolicyEvent bare(String id, EventType type, String policyId) {
    PolicyEvent e = new PolicyEvent();
    e.eventId = id;
    e.policyholderId = HOLDER;
    e.type = type;
    e.occurredAt = AT.toEpochMilli();
    e.policyId = policyId;
    return e;
  }

  private static ObjectNode tree(PolicyEvent e) throws Exception {
    return (ObjectNode) JSON.readTree(EventCodec.toJson(e));
  }

  private static byte[] bytes(ObjectNode n) throws Exception {
    return JSON.writeValueAsBytes(n);
  }

  private static InvalidEventException rejection(byte[] record) {
    try {
      EventCodec.parse(record);
    } catch (InvalidEventException e) {
      return e;
    }
    throw new AssertionError("record was accepted: " + new String(record, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyEventTypeSurvivesAJsonRoundTrip(EventType type) throws Exception {
    PolicyEvent original = sample(type);

    PolicyEvent back = EventCodec.parse(EventCodec.toBytes(original));

    assertThat(back).isEqualTo(original);
    assertThat(back.type).isEqualTo(type);
    assertThat(back.occurredAt).isEqualTo(AT.toEpochMilli());
  }

  @Test
  void directPolicyWithoutAgentSurvivesARoundTrip() throws Exception {
    PolicyEvent direct =
        Events.issued(
            "ev-d",
            HOLDER,
            AT,
            POLICY,
            "HOME",
            "DIRECT",
            null,
            640.0,
            LocalDate.of(2025, 1, 1),
            LocalDate.of(2026, 1, 1));

    PolicyEvent back = EventCodec.parse(EventCodec.toBytes(direct));

    assertThat(back).isEqualTo(direct);
    assertThat(back.agentId).isNull();
  }

  @Test
  void writtenJsonFollowsTheContractFieldNames() throws Exception {
    ObjectNode n = tree(sample(EventType.POLICY_ISSUED));

    assertThat(n.get("occurredAt").asText()).isEqualTo("2025-03-14T09:26:53.589Z");
    assertThat(n.get("payload").get("startDate").asText()).isEqualTo("2024-04-01");
    assertThat(n.get("payload").get("endDate").asText()).isEqualTo("2025-04-01");
    assertThat(n.get("payload").get("annualPremium").asDouble()).isEqualTo(1234.56);
  }

  @Test
  void emptyRecordIsRejectedAsEmpty() {
    assertThat(rejection(new byte[0]).reasonCode()).isEqualTo("empty");
  }

  @Test
  void truncatedJsonIsMalformed() {
    String json = EventCodec.toJson(sample(EventType.CLAIM_SETTLED));
    byte[] truncated = json.substring(0, json.length() / 2).getBytes(StandardCharsets.UTF_8);

    assertThat(rejection(truncated).reasonCode()).isEqualTo("malformed_json");
  }

  @Test
  void invalidUtf8InsideAStringIsMalformed() throws Exception {
    // 0xC3 opens a two-byte sequence; 0x28 '(' cannot continue it.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("{\"eventId\":\"ev-".getBytes(StandardCharsets.UTF_8));
    out.write(new byte[] {(byte) 0xC3, (byte) 0x28});
    out.write(
        ("\",\"policyholderId\":\"PH1\",\"type\":\"POLICY_LAPSED\","
                + "\"occurredAt\":\"2025-03-14T09:00:00Z\",\"policyId\":\"P1\",\"payload\":{}}")
            .getBytes(StandardCharsets.UTF_8));

    InvalidEventException e = rejection(out.toByteArray());

    assertThat(e.reasonCode()).isEqualTo("malformed_json");
    assertThat(e.getMessage()).contains("UTF-8");
  }

  @Test
  void recordAboveSixtyFourKilobytesIsTooLarge() throws Exception {
    ObjectNode n = tree(sample(EventType.SERVICE_CONTACT));
    n.put("note", "x".repeat(70 * 1024));
    byte[] record = bytes(n);

    InvalidEventException e = rejection(record);

    assertThat(e.reasonCode()).isEqualTo("too_large");
    assertThat(e.getMessage()).contains(Integer.toString(record.length));
  }

  @Test
  void unknownTypeIsRejectedNamingTheType() throws Exception {
    ObjectNode n = tree(sample(EventType.POLICY_LAPSED));
    n.put("type", "POLICY_TELEPORTED");

    InvalidEventException e = rejection(bytes(n));

    assertThat(e.reasonCode()).isEqualTo("unknown_type");
    assertThat(e.getMessage()).contains("POLICY_TELEPORTED");
  }

  @Test
  void consentChangeWithoutChannelAndWithoutPolicySurvivesARoundTrip() throws Exception {
    PolicyEvent optIn = Events.consentChanged("ev-optin", HOLDER, AT, false, null);

    PolicyEvent back = EventCodec.parse(EventCodec.toBytes(optIn));

    assertThat(back).isEqualTo(optIn);
    assertThat(back.doNotContact).isFalse();
    assertThat(back.channel).isNull();
    assertThat(tree(optIn).get("payload").has("channel")).isFalse();
  }

  @Test
  void consentChangeWithoutDoNotContactIsMissingAField() throws Exception {
    ObjectNode n = tree(sample(EventType.CONTACT_CONSENT_CHANGED));
    ((ObjectNode) n.get("payload")).remove("doNotContact");

    InvalidEventException e = rejection(bytes(n));

    assertThat(e.reasonCode()).isEqualTo("missing_field");
    assertThat(e.getMessage()).contains("doNotContact");
  }

  @Test
  void consentChangeWithNullDoNotContactIsMissingAField() throws Exception {
    ObjectNode n = tree(sample(EventType.CONTACT_CONSENT_CHANGED));
    ((ObjectNode) n.get("payload")).putNull("doNotContact");

    InvalidEventException e = rejection(bytes(n));

    assertThat(e.reasonCode()).isEqualTo("missing_field");
    assertThat(e.getMessage()).contains("doNotContact");
  }

  @Test
  void consentChangeWithDoNotContactAsStringIsTheWrongType() throws Exception {
    ObjectNode n = tree(sample(EventType.CONTACT_CONSENT_CHANGED));
    ((ObjectNode) n.get("payload")).put("doNotContact", "true");

    InvalidEventException e = rejection(bytes(n));

    assertThat(e.reasonCode()).isEqualTo("wrong_type");
    assertThat(e.getMessage()).contains("doNotContact");
  }

  @Test
  void consentChangeWithDoNotContactAsNumberIsTheWrongType() throws Exception {
    ObjectNode n = tree(sample(EventType.CONTACT_CONSENT_CHANGED));
    ((ObjectNode) n.get("payload")).put("doNotContact", 1);

    InvalidEventException e = rejection(bytes(n));

    assertThat(e.reasonCode()).isEqualTo("wrong_type");
    assertThat(e.getMessage()).contains("doNotContact");
  }

  @Test
  void consentChangeWithChannelAsNumberIsTheWrongType() throws Exception {
    ObjectNode n = tree(sample(EventType.CONTACT_CONSENT_CHANGED));
    ((ObjectNode) n.get("payload")).put("channel", 7);

    InvalidEventException e = rejection(bytes(n));

    assertThat(e.reasonCode()).isEqualTo("wrong_type");
    assertThat(e.getMessage()).contains("channel");
  }

  @Test
  void consentChangeWithAControlCharacterInTheChannelIsABadValue() throws Exception {
    ObjectNode n = tree(sample(EventType.CONTACT_CONSENT_CHANGED));
    ((ObjectNode) n.get("payload")).put("channel", "SMS\u001b[31m");

    InvalidEventException e = rejection(bytes(n));

    assertThat(e.reasonCode()).isEqualTo("bad_value");
    assertThat(e.getMessage()).contains("channel");
  }

  @Test
  void missingPayloadFieldIsNamed() throws Exception {
    ObjectNode n = tree(sample(EventType.POLICY_ISSUED));
    ((ObjectNode) n.get("payload")).remove("annualPremium");

    InvalidEventException e = rejection(bytes(n));

    assertThat(e.reasonCode()).isEqualTo("missing_field");
    assertThat(e.getMessage()).contains("annualPremium");
  }

  @Test
  void policyEventWithoutPolicyIdIsMissingAField() throws Exception {
    ObjectNode n = tree(sample(EventType.PREMIUM_MISSED));
    n.remove("policyId");

    InvalidEventException e = rejection(bytes(n));

    assertThat(e.reasonCode()).isEqualTo("missing_field");
    assertThat(e.getMessage()).contains("policyId");
  }

  @Test
  void numberGivenAsStringIsTheWrongType() throws Exception {
    ObjectNode n = tree(sample(EventType.POLICY_ISSUED));
    ((ObjectNode) n.get("payload")).put("annualPremium", "1234.56");

    InvalidEventException e = rejection(bytes(n));

    assertThat(e.reasonCode()).isEqualTo("wrong_type");
    assertThat(e.getMessage()).contains("annualPremium");
  }

  @Test
  void npsScoreOfElevenIsABadValue() throws Exception {
    ObjectNode n = tree(sample(EventType.SURVEY_RESPONSE));
    ((ObjectNode) n.get("payload")).put("score", 11);

    InvalidEventException e = rejection(bytes(n));

    assertThat(e.reasonCode()).isEqualTo("bad_value");
    assertThat(e.getMessage()).contains("score").contains("11");
  }

  @Test
  void csatScaleStopsAtFiveWhileNpsAcceptsTen() throws Exception {
    ObjectNode csat = tree(Events.survey("ev-c", HOLDER, AT, "CSAT", 5));
    ((ObjectNode) csat.get("payload")).put("score", 6);
    ObjectNode nps = tree(Events.survey("ev-n", HOLDER, AT, "NPS", 10));

    assertThat(rejection(bytes(csat)).reasonCode()).isEqualTo("bad_value");
    assertThat(EventCodec.parse(bytes(nps)).score).isEqualTo(10);
  }

  @Test
  void occurredAtWithoutOffsetIsABadTimestamp() throws Exception {
    ObjectNode n = tree(sample(EventType.DIGITAL_SESSION));
    n.put("occurredAt", "2025-03-14T09:26:53");

    InvalidEventException e = rejection(bytes(n));

    assertThat(e.reasonCode()).isEqualTo("bad_timestamp");
    assertThat(e.getMessage()).contains("occurredAt");
  }

  @Test
  void occurredAtWithANonUtcOffsetMeansTheSameInstant() throws Exception {
    ObjectNode n = tree(sample(EventType.DIGITAL_SESSION));
    n.put("occurredAt", "2025-03-14T17:26:53.589+08:00");

    assertThat(EventCodec.parse(bytes(n)).occurredAt).isEqualTo(AT.toEpochMilli());
  }

  @Test
  void endDateBeforeStartDateIsABadValue() throws Exception {
    ObjectNode n = tree(sample(EventType.POLICY_ISSUED));
    ((ObjectNode) n.get("payload")).put("endDate", "2024-03-31");

    InvalidEventException e = rejection(bytes(n));

    assertThat(e.reasonCode()).isEqualTo("bad_value");
    assertThat(e.getMessage()).contains("endDate").contains("startDate");
  }

  @Test
  void jsonThatIsNotAnObjectIsMalformed() {
    assertThat(rejection("[1,2,3]".getBytes(StandardCharsets.UTF_8)).reasonCode())
        .isEqualTo("malformed_json");
  }

  @Test
  void payloadThatIsNotAnObjectIsTheWrongType() throws Exception {
    ObjectNode n = tree(sample(EventType.COMPLAINT_OPENED));
    n.put("payload", "CP-1");

    InvalidEventException e = rejection(bytes(n));

    assertThat(e.reasonCode()).isEqualTo("wrong_type");
    assertThat(e.getMessage()).contains("payload");
  }

  @Test
  void unknownSurveyKindIsRejectedNamingIt() throws Exception {
    ObjectNode n = tree(sample(EventType.SURVEY_RESPONSE));
    ((ObjectNode) n.get("payload")).put("survey", "CES");

    assertThatThrownBy(() -> EventCodec.parse(bytes(n)))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("survey")
        .hasMessageContaining("CES");
  }
}
