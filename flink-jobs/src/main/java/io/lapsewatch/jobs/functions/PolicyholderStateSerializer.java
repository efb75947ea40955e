package io.lapsewatch.jobs.functions;

import io.lapsewatch.features.PolicyholderState;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for {@link PolicyholderState} using its own compact byte form. With heap state
 * the object lives as is and is serialized only at checkpoints (keeping it as a {@code byte[]} cost
 * a decode and an encode on every event); with RocksDB the bytes are the same compact form as
 * before.
 */
public final class PolicyholderStateSerializer extends TypeSerializerSingleton<PolicyholderState> {
  private static final long serialVersionUID = 1L;

  public static final PolicyholderStateSerializer INSTANCE = new PolicyholderStateSerializer();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public PolicyholderState createInstance() {
    return new PolicyholderState();
  }

  @Override
  public PolicyholderState copy(PolicyholderState from) {
    return PolicyholderState.fromBytes(from.toBytes());
  }

  @Override
  public PolicyholderState copy(PolicyholderState from, PolicyholderState reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(PolicyholderState record, DataOutputView target) throws IOException {
    byte[] bytes = record.toBytes();
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  @Override
  public PolicyholderState deserialize(DataInputView source) throws IOException {
    byte[] bytes = new byte[source.readInt()];
    source.readFully(bytes);
    return PolicyholderState.fromBytes(bytes);
  }

  @Override
  public PolicyholderState deserialize(PolicyholderState reuse, DataInputView source)
      throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    int length = source.readInt();
    target.writeInt(length);
    target.write(source, length);
  }

  @Override
  public TypeSerializerSnapshot<PolicyholderState> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot for state compatibility checks; the byte layout carries its own version byte. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<PolicyholderState> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
