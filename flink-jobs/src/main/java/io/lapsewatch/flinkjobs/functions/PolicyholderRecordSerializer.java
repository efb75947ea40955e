package io.lapsewatch.flinkjobs.functions;

import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.flinkjobs.types.CompactSerializer;
import io.lapsewatch.flinkjobs.types.PolicyEventSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for {@link PolicyholderRecord}: a version byte, the features in their own
 * compact form, then the pending events, recent ids, calendar timers, and the settled features with
 * the log of recently applied events (format 2, without these, is still read). With heap state the
 * object lives as is and is serialized only at checkpoints; with RocksDB on every access.
 */
public final class PolicyholderRecordSerializer extends CompactSerializer<PolicyholderRecord> {
  private static final long serialVersionUID = 1L;
  private static final byte FORMAT = 3;

  /** The layout before late events were applied in order (no settled features, no log). */
  private static final byte FORMAT_WITHOUT_LOG = 2;

  public static final PolicyholderRecordSerializer INSTANCE = new PolicyholderRecordSerializer();

  @Override
  public PolicyholderRecord createInstance() {
    return new PolicyholderRecord();
  }

  @Override
  public PolicyholderRecord copy(PolicyholderRecord from) {
    // Taken while a heap snapshot shares the object (copy-on-write during a checkpoint), so it
    // must be cheap: only the features are mutated in place and copied deeply. Events are never
    // changed once kept, and the id arrays, calendar days and settled bytes are replaced, never
    // written into, so the copy shares them.
    PolicyholderRecord r = new PolicyholderRecord();
    r.features = PolicyholderState.fromBytes(from.features.toBytes());
    r.pending.addAll(from.pending);
    r.recentIds = from.recentIds;
    r.recentTimes = from.recentTimes;
    r.nextCalendar = from.nextCalendar;
    r.calendarRenewals = from.calendarRenewals;
    r.calendarEndedDay = from.calendarEndedDay;
    r.settled = from.settled;
    r.applied.addAll(from.applied);
    return r;
  }

  @Override
  public void serialize(PolicyholderRecord r, DataOutputView out) throws IOException {
    out.writeByte(FORMAT);
    byte[] features = r.features.toBytes();
    out.writeInt(features.length);
    out.write(features);
    out.writeInt(r.pending.size());
    for (PolicyEvent e : r.pending) {
      PolicyEventSerializer.INSTANCE.serialize(e, out);
    }
    out.writeInt(r.recentIds.length);
    for (int i = 0; i < r.recentIds.length; i++) {
      out.writeUTF(r.recentIds[i]);
      out.writeLong(r.recentTimes[i]);
    }
    out.writeLong(r.nextCalendar);
    out.writeInt(r.calendarRenewals.length);
    for (int d : r.calendarRenewals) {
      out.writeInt(d);
    }
    out.writeInt(r.calendarEndedDay);
    if (r.settled == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(r.settled.length);
      out.write(r.settled);
    }
    out.writeInt(r.applied.size());
    for (PolicyEvent e : r.applied) {
      PolicyEventSerializer.INSTANCE.serialize(e, out);
    }
  }

  @Override
  public PolicyholderRecord deserialize(DataInputView in) throws IOException {
    byte format = in.readByte();
    if (format != FORMAT && format != FORMAT_WITHOUT_LOG) {
      throw new IOException("unknown policyholder record format " + format);
    }
    PolicyholderRecord r = new PolicyholderRecord();
    byte[] features = new byte[in.readInt()];
    in.readFully(features);
    r.features = PolicyholderState.fromBytes(features);
    int pending = in.readInt();
    for (int i = 0; i < pending; i++) {
      r.pending.add(PolicyEventSerializer.INSTANCE.deserialize(in));
    }
    int ids = in.readInt();
    r.recentIds = new String[ids];
    r.recentTimes = new long[ids];
    for (int i = 0; i < ids; i++) {
      r.recentIds[i] = in.readUTF();
      r.recentTimes[i] = in.readLong();
    }
    r.nextCalendar = in.readLong();
    r.calendarRenewals = new int[in.readInt()];
    for (int i = 0; i < r.calendarRenewals.length; i++) {
      r.calendarRenewals[i] = in.readInt();
    }
    r.calendarEndedDay = in.readInt();
    if (format == FORMAT) {
      int settled = in.readInt();
      if (settled >= 0) {
        r.settled = new byte[settled];
        in.readFully(r.settled);
      }
      int applied = in.readInt();
      for (int i = 0; i < applied; i++) {
        r.applied.add(PolicyEventSerializer.INSTANCE.deserialize(in));
      }
    }
    return r;
  }

  @Override
  public TypeSerializerSnapshot<PolicyholderRecord> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot for state compatibility checks; the byte layout carries its own version byte. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<PolicyholderRecord> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
