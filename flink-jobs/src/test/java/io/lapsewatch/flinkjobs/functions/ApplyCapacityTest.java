package io.lapsewatch.flinkjobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.RetentionAction;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** A team's daily capacity: top-k by expected value, the rest wait or are dropped. */
class ApplyCapacityTest {
  private static final long DAY = 86_400_000L;
  private static final int DAY0 = 20_000;

  private static Alert alert(String id, double score, double premium, Arm arm, int deadlineDay) {
    Alert a = new Alert();
    a.alertId = id;
    a.policyholderId = "PH-" + id;
    a.score = score;
    a.annualPremium = premium;
    a.arm = arm;
    a.action = RetentionAction.RENEWAL_OFFER;
    a.asOf = DAY0 * DAY + 3_600_000L;
    a.deadline = deadlineDay;
    return a;
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness()
      throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new ApplyCapacity(Map.of("RENEWAL_OFFER", 2))),
            (Alert a) -> a.action.name(),
            Types.STRING);
    h.open();
    return h;
  }

  @Test
  void sendsTheTopTwoByExpectedValueAndCarriesTheRestToTomorrow() throws Exception {
    try (var h = harness()) {
      Alert small = alert("small", 0.9, 500, Arm.TREATED, DAY0 + 30); // EV 135
      Alert big = alert("big", 0.5, 4000, Arm.TREATED, DAY0 + 30); // EV 600
      Alert mid = alert("mid", 0.6, 2000, Arm.TREATED, DAY0 + 30); // EV 360
      Alert urgent = alert("urgent", 0.4, 300, Arm.TREATED, DAY0 + 1); // EV 36, deadline tomorrow
      for (Alert a : List.of(small, big, mid, urgent)) {
        h.processElement(new StreamRecord<>(a, a.asOf));
      }
      assertThat(h.extractOutputValues()).isEmpty();

      h.processWatermark((DAY0 + 1) * DAY);
      assertThat(h.extractOutputValues()).extracting(a -> a.alertId).containsExactly("big", "mid");

      h.processWatermark((DAY0 + 2) * DAY);
      assertThat(h.extractOutputValues())
          .extracting(a -> a.alertId)
          .containsExactly("big", "mid", "small");
    }
  }

  @Test
  void holdoutAlertsTakeNoCapacityAndPassAtOnce() throws Exception {
    try (var h = harness()) {
      Alert held = alert("held", 0.9, 9000, Arm.HOLDOUT, DAY0 + 30);
      h.processElement(new StreamRecord<>(held, held.asOf));
      assertThat(h.extractOutputValues()).extracting(a -> a.alertId).containsExactly("held");
    }
  }
}
