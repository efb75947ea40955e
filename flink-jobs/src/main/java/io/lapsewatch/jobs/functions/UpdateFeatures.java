package io.lapsewatch.jobs.functions;

import io.lapsewatch.events.EventType;
import io.lapsewatch.events.PolicyEvent;
import io.lapsewatch.features.FeatureVector;
import io.lapsewatch.features.PolicyholderState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps each policyholder's {@link PolicyholderState} in keyed state (as its compact bytes) and
 * emits the feature vector after every event. The feature logic itself is the shared pure-Java code
 * that training uses.
 */
public class UpdateFeatures extends KeyedProcessFunction<String, PolicyEvent, FeatureVector> {
  private static final long serialVersionUID = 1L;

  private transient ValueState<byte[]> state;

  @Override
  public void open(OpenContext openContext) {
    state =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "policyholder", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
  }

  @Override
  public void processElement(PolicyEvent e, Context ctx, Collector<FeatureVector> out)
      throws Exception {
    if (e.type == EventType.POLICYHOLDER_ERASED) {
      state.clear();
      return;
    }
    byte[] bytes = state.value();
    PolicyholderState s =
        bytes == null ? new PolicyholderState() : PolicyholderState.fromBytes(bytes);
    s.apply(e);
    state.update(s.toBytes());
    out.collect(s.vector(e.policyholderId, e.occurredAt));
  }
}
