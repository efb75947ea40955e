package io.lapsewatch.flinkjobs.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.modeltraining.monitoring.MonitoredTerm;
import io.lapsewatch.modeltraining.monitoring.MonitoredTermJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The monitoring topic's records: keyed by term, naming no policyholder. */
class MonitoredTermSerializerTest {
  @Test
  void writesTheTermKeyedByPolicyAndRenewalWithoutThePolicyholder() throws Exception {
    MonitoredTerm t =
        MonitoredTerm.scored(
            "PH00000042", "POL-42", 20_500, 20_470L * 86_400_000L, "v1", 0.3, new double[] {1, 2});
    var record = new MonitoredTermSerializer("monitoring").serialize(t, null, 1L);

    String value = new String(record.value(), StandardCharsets.UTF_8);
    assertThat(value).doesNotContain("PH00000042").contains("POL-42");
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(MonitoredTerms.key(t));
    MonitoredTerm back = MonitoredTermJson.parse(record.value());
    assertThat(back.policyholderId).isNull();
    assertThat(back.score).isEqualTo(0.3);
    assertThat(t.policyholderId).as("the job's own term is left as it was").isEqualTo("PH00000042");
  }
}
