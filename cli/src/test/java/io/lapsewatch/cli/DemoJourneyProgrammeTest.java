package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.featurestore.simulator.RetentionProgramme.Delivery;
import io.lapsewatch.featurestore.simulator.RetentionProgramme.Treatment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What of a journey's alerts reaches the simulated policyholder. */
class DemoJourneyProgrammeTest {
  private static Alert alert(RetentionAction action, Arm arm, boolean followUp, String messageTo) {
    Alert a = new Alert();
    a.action = action;
    a.arm = arm;
    a.followUp = followUp;
    a.messageTo = messageTo;
    a.journey = "standard-renewal";
    return a;
  }

  @Test
  void shouldDeliverTreatedContactsInOrderWithTheirFollowUpFlag() {
    List<Delivery> d =
        DemoJourneyProgramme.deliveries(
            List.of(
                alert(RetentionAction.RENEWAL_OFFER, Arm.TREATED, false, null),
                alert(RetentionAction.AGENT_CALLBACK, Arm.TREATED, true, null)));

    assertThat(d)
        .containsExactly(
            new Delivery(Treatment.RENEWAL_OFFER, false),
            new Delivery(Treatment.AGENT_CALLBACK, true));
  }

  @Test
  void shouldKeepHoldoutStepsAndTeamMessagesFromThePolicyholder() {
    List<Delivery> d =
        DemoJourneyProgramme.deliveries(
            List.of(
                alert(RetentionAction.RENEWAL_OFFER, Arm.HOLDOUT, false, null),
                alert(RetentionAction.AGENT_CALLBACK, Arm.TREATED, true, "leads-sh")));

    assertThat(d).isEmpty();
  }
}
