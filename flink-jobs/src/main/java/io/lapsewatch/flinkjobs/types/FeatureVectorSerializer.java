package io.lapsewatch.flinkjobs.types;

import io.lapsewatch.featurestore.features.FeatureVector;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for {@link FeatureVector}: every field, the values as a length and doubles, the
 * newest event's time last.
 */
public final class FeatureVectorSerializer extends CompactSerializer<FeatureVector> {
  private static final long serialVersionUID = 1L;

  public static final FeatureVectorSerializer INSTANCE = new FeatureVectorSerializer();

  @Override
  public FeatureVector createInstance() {
    return new FeatureVector();
  }

  @Override
  public FeatureVector copy(FeatureVector v) {
    FeatureVector c = new FeatureVector();
    c.policyholderId = v.policyholderId;
    c.schemaVersion = v.schemaVersion;
    c.asOf = v.asOf;
    c.newestEventAt = v.newestEventAt;
    c.policyId = v.policyId;
    c.renewalDate = v.renewalDate;
    c.agentId = v.agentId;
    c.product = v.product;
    c.allEndedDay = v.allEndedDay;
    c.values = v.values == null ? null : v.values.clone();
    c.erased = v.erased;
    c.retired = v.retired;
    return c;
  }

  @Override
  public void serialize(FeatureVector v, DataOutputView out) throws IOException {
    Text.write(v.policyholderId, out);
    Text.write(v.schemaVersion, out);
    out.writeLong(v.asOf);
    Text.write(v.policyId, out);
    out.writeInt(v.renewalDate);
    Text.write(v.agentId, out);
    Text.write(v.product, out);
    out.writeInt(v.allEndedDay);
    out.writeInt(v.values == null ? -1 : v.values.length);
    if (v.values != null) {
      for (double d : v.values) {
        out.writeDouble(d);
      }
    }
    out.writeBoolean(v.erased);
    out.writeBoolean(v.retired);
    out.writeLong(v.newestEventAt);
  }

  @Override
  public FeatureVector deserialize(DataInputView in) throws IOException {
    FeatureVector v = deserializeWithoutNewestEvent(in);
    v.newestEventAt = in.readLong();
    return v;
  }

  /**
   * Reads a vector written before {@link FeatureVector#newestEventAt} existed (issue 17), as the
   * feature-store sink's older checkpoints hold them; the newest event stays unknown.
   */
  public FeatureVector deserializeWithoutNewestEvent(DataInputView in) throws IOException {
    FeatureVector v = new FeatureVector();
    v.policyholderId = Text.read(in);
    v.schemaVersion = Text.read(in);
    v.asOf = in.readLong();
    v.policyId = Text.read(in);
    v.renewalDate = in.readInt();
    v.agentId = Text.read(in);
    v.product = Text.read(in);
    v.allEndedDay = in.readInt();
    int n = in.readInt();
    if (n >= 0) {
      v.values = new double[n];
      for (int i = 0; i < n; i++) {
        v.values[i] = in.readDouble();
      }
    }
    v.erased = in.readBoolean();
    v.retired = in.readBoolean();
    return v;
  }

  @Override
  public TypeSerializerSnapshot<FeatureVector> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot for state compatibility checks. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<FeatureVector> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
