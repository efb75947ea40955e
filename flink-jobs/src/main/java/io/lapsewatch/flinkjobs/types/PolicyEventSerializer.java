package io.lapsewatch.flinkjobs.types;

import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.events.PolicyEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer for {@link PolicyEvent}: every field, written in a fixed order. */
public final class PolicyEventSerializer extends CompactSerializer<PolicyEvent> {
  private static final long serialVersionUID = 1L;

  public static final PolicyEventSerializer INSTANCE = new PolicyEventSerializer();

  private static final EventType[] TYPES = EventType.values();

  @Override
  public PolicyEvent createInstance() {
    return new PolicyEvent();
  }

  @Override
  public PolicyEvent copy(PolicyEvent e) {
    PolicyEvent c = new PolicyEvent();
    c.eventId = e.eventId;
    c.policyholderId = e.policyholderId;
    c.type = e.type;
    c.occurredAt = e.occurredAt;
    c.policyId = e.policyId;
    c.product = e.product;
    c.channel = e.channel;
    c.agentId = e.agentId;
    c.annualPremium = e.annualPremium;
    c.startDate = e.startDate;
    c.endDate = e.endDate;
    c.amount = e.amount;
    c.refId = e.refId;
    c.approved = e.approved;
    c.daysToSettle = e.daysToSettle;
    c.survey = e.survey;
    c.score = e.score;
    c.page = e.page;
    c.topic = e.topic;
    c.lastPremium = e.lastPremium;
    c.newPremium = e.newPremium;
    c.doNotContact = e.doNotContact;
    return c;
  }

  @Override
  public void serialize(PolicyEvent e, DataOutputView out) throws IOException {
    Text.write(e.eventId, out);
    Text.write(e.policyholderId, out);
    out.writeByte(e.type == null ? -1 : e.type.ordinal());
    out.writeLong(e.occurredAt);
    Text.write(e.policyId, out);
    Text.write(e.product, out);
    Text.write(e.channel, out);
    Text.write(e.agentId, out);
    out.writeDouble(e.annualPremium);
    out.writeInt(e.startDate);
    out.writeInt(e.endDate);
    out.writeDouble(e.amount);
    Text.write(e.refId, out);
    // One flag slot for both: no type has both fields, and the byte layout of stored events
    // stays the same as before consent events existed (state written then still restores).
    out.writeBoolean(isConsent(e.type) ? e.doNotContact : e.approved);
    out.writeInt(e.daysToSettle);
    Text.write(e.survey, out);
    out.writeInt(e.score);
    Text.write(e.page, out);
    Text.write(e.topic, out);
    out.writeDouble(e.lastPremium);
    out.writeDouble(e.newPremium);
  }

  @Override
  public PolicyEvent deserialize(DataInputView in) throws IOException {
    PolicyEvent e = new PolicyEvent();
    e.eventId = Text.read(in);
    e.policyholderId = Text.read(in);
    int type = in.readByte();
    e.type = type < 0 ? null : TYPES[type];
    e.occurredAt = in.readLong();
    e.policyId = Text.read(in);
    e.product = Text.read(in);
    e.channel = Text.read(in);
    e.agentId = Text.read(in);
    e.annualPremium = in.readDouble();
    e.startDate = in.readInt();
    e.endDate = in.readInt();
    e.amount = in.readDouble();
    e.refId = Text.read(in);
    boolean flag = in.readBoolean();
    if (isConsent(e.type)) {
      e.doNotContact = flag;
    } else {
      e.approved = flag;
    }
    e.daysToSettle = in.readInt();
    e.survey = Text.read(in);
    e.score = in.readInt();
    e.page = Text.read(in);
    e.topic = Text.read(in);
    e.lastPremium = in.readDouble();
    e.newPremium = in.readDouble();
    return e;
  }

  private static boolean isConsent(EventType type) {
    return type == EventType.CONTACT_CONSENT_CHANGED;
  }

  @Override
  public TypeSerializerSnapshot<PolicyEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /**
   * Snapshot for state compatibility checks. The event type is written by its position in {@link
   * EventType}: new types go at the end of the enum.
   */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<PolicyEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
