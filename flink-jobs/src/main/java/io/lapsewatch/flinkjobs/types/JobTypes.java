package io.lapsewatch.flinkjobs.types;

import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureVector;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The type information the job declares for its high-volume records. */
public final class JobTypes {
  private JobTypes() {}

  public static final TypeInformation<PolicyEvent> POLICY_EVENT =
      new CompactTypeInfo<>(PolicyEvent.class, PolicyEventSerializer.INSTANCE);

  public static final TypeInformation<FeatureVector> FEATURE_VECTOR =
      new CompactTypeInfo<>(FeatureVector.class, FeatureVectorSerializer.INSTANCE);
}
