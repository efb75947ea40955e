package io.lapsewatch.journeys.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanLoaderTest {
  private static final Path SHIPPED = Path.of("../deploy/journeys/retention-journeys.yaml");

  /** A valid file of two plans; tests change one line of it. Line numbers below refer to it. */
  private static final String BASE =
      """
      version: 1
      plans:
        - id: high-value-callback
          version: 1
          priority: 20
          entry:
            tiers: [HIGH_VALUE]
          steps:
            - id: priority-callback
              action: callback
        - id: standard-renewal
          version: 1
          entry:
            tiers: [STANDARD]
            risk-bands: [HIGH, CRITICAL]
          exits: [contacted]
          steps:
            - id: renewal-offer
              action: renewal-offer
            - id: tell-the-branch
              after-days: 3
              when:
                offer-received: false
              action: message
              to: branch-leads
      """;

  @TempDir Path dir;

  private static JourneyPlans parse(String yaml) {
    return PlanLoader.parse(yaml, "plans.yaml");
  }

  /** BASE with the first occurrence of {@code from} replaced. */
  private static String base(String from, String to) {
    assertThat(BASE).contains(from);
    int at = BASE.indexOf(from);
    return BASE.substring(0, at) + to + BASE.substring(at + from.length());
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(String yaml) {
    return assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(PlanException.class)
        .hasMessageStartingWith("journey plans file plans.yaml: ");
  }

  @Test
  void shouldLoadTheShippedPlans() {
    JourneyPlans plans = PlanLoader.load(SHIPPED);

    assertThat(plans.all())
        .extracting(JourneyPlan::id, JourneyPlan::version, JourneyPlan::priority)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("high-value-callback", 1, 20),
            org.assertj.core.groups.Tuple.tuple("standard-renewal", 1, 10));

    JourneyPlan hv = plans.find("high-value-callback", 1).orElseThrow();
    assertThat(hv.entry())
        .isEqualTo(new PlanEntry(Set.of(Tier.HIGH_VALUE), Set.of(), Set.of(), null, Set.of()));
    assertThat(hv.exits())
        .containsExactlyInAnyOrder(
            ExitReason.RENEWED, ExitReason.LAPSED, ExitReason.OPTED_OUT, ExitReason.CONTACTED);
    assertThat(hv.steps())
        .containsExactly(
            new PlanStep(
                "priority-callback",
                0,
                0,
                StepCondition.ALWAYS,
                false,
                new StepAction(StepAction.Kind.CALLBACK, null, null)),
            new PlanStep(
                "offer-if-unreachable",
                0,
                21,
                new StepCondition(null, null, 1, null),
                false,
                new StepAction(StepAction.Kind.RENEWAL_OFFER, "EMAIL", null)));

    JourneyPlan std = plans.find("standard-renewal", 1).orElseThrow();
    assertThat(std.entry())
        .isEqualTo(new PlanEntry(Set.of(Tier.STANDARD), Set.of(), Set.of(), null, Set.of()));
    assertThat(std.exits())
        .containsExactlyInAnyOrder(
            ExitReason.RENEWED, ExitReason.LAPSED, ExitReason.OPTED_OUT, ExitReason.RISK_FALLEN);
    assertThat(std.riskFallenBelow()).isEqualTo(RiskBand.MEDIUM);
    assertThat(std.steps())
        .containsExactly(
            new PlanStep(
                "renewal-offer",
                0,
                0,
                StepCondition.ALWAYS,
                false,
                new StepAction(StepAction.Kind.RENEWAL_OFFER, null, null)),
            new PlanStep(
                "callback-if-silent",
                14,
                0,
                new StepCondition(false, null, true, 0, null),
                true,
                new StepAction(StepAction.Kind.CALLBACK, null, null)),
            new PlanStep(
                "offer-by-email",
                0,
                21,
                new StepCondition(null, null, 2, null),
                false,
                new StepAction(StepAction.Kind.RENEWAL_OFFER, "EMAIL", null)));
  }

  @Test
  void shouldReadEveryKeyOfTheBaseFile() {
    JourneyPlans plans = parse(BASE);

    JourneyPlan std = plans.find("standard-renewal", 1).orElseThrow();
    assertThat(std.priority()).isZero();
    assertThat(std.entry().riskBands()).containsExactlyInAnyOrder(RiskBand.HIGH, RiskBand.CRITICAL);
    assertThat(std.steps().get(1))
        .isEqualTo(
            new PlanStep(
                "tell-the-branch",
                3,
                0,
                new StepCondition(null, null, 0, false),
                false,
                new StepAction(StepAction.Kind.MESSAGE, null, "branch-leads")));
    assertThat(std.steps().get(1).action().contactsPolicyholder()).isFalse();
  }

  @Test
  void shouldReadEntryByProductLineOrphanedAndReasons() {
    JourneyPlans plans =
        parse(
            base(
                "      risk-bands: [HIGH, CRITICAL]",
                "      product-lines: [MOTOR, HOME]\n"
                    + "      orphaned: true\n"
                    + "      reasons: [open_complaints, DAYS_OVERDUE]"));

    PlanEntry entry = plans.find("standard-renewal", 1).orElseThrow().entry();
    assertThat(entry.productLines()).containsExactlyInAnyOrder("MOTOR", "HOME");
    assertThat(entry.orphaned()).isTrue();
    // Reasons are the feature keys the alerts carry, whatever case the file wrote them in.
    assertThat(entry.reasons()).containsExactlyInAnyOrder("open_complaints", "days_overdue");
  }

  // ---- unknown keys ----

  @Test
  void shouldRefuseAnUnknownTopLevelKey() {
    refused(BASE + "owner: retention team\n")
        .hasMessageContaining("owner (line 26)")
        .hasMessageContaining("unknown key \"owner\"")
        .hasMessageContaining("[plans, version]");
  }

  @Test
  void shouldRefuseAnUnknownPlanKey() {
    refused(base("    priority: 20", "    prio: 20"))
        .hasMessageContaining("plans[0].prio (line 5)")
        .hasMessageContaining("unknown key \"prio\"");
  }

  @Test
  void shouldRefuseAnUnknownEntryKey() {
    refused(base("      tiers: [STANDARD]", "      tier: [STANDARD]"))
        .hasMessageContaining("plans[1].entry.tier (line 14)")
        .hasMessageContaining("unknown key \"tier\"");
  }

  @Test
  void shouldRefuseAnUnknownStepKey() {
    refused(base("        after-days: 3", "        wait-days: 3"))
        .hasMessageContaining("plans[1].steps[1].wait-days (line 21)")
        .hasMessageContaining("unknown key \"wait-days\"");
  }

  @Test
  void shouldRefuseAnUnknownCondition() {
    refused(base("          offer-received: false", "          offer-opened: false"))
        .hasMessageContaining("plans[1].steps[1].when.offer-opened (line 23)")
        .hasMessageContaining("unknown key \"offer-opened\"")
        .hasMessageContaining("offer-received");
  }

  // ---- missing keys ----

  @Test
  void shouldRefuseAFileWithoutVersion() {
    refused(BASE.replace("version: 1\nplans:", "plans:"))
        .hasMessageContaining("the file (line 1)")
        .hasMessageContaining("needs the key 'version'");
  }

  @Test
  void shouldRefuseAFileWithoutPlans() {
    refused("version: 1\n")
        .hasMessageContaining("the file (line 1)")
        .hasMessageContaining("needs the key 'plans'");
  }

  @Test
  void shouldRefuseAPlanWithoutId() {
    refused(base("  - id: standard-renewal\n    version: 1", "  - version: 1"))
        .hasMessageContaining("plans[1] (line 11)")
        .hasMessageContaining("needs the key 'id'");
  }

  @Test
  void shouldRefuseAPlanWithoutSteps() {
    refused(
            base(
                """
                    steps:
                      - id: priority-callback
                        action: callback
                """,
                ""))
        .hasMessageContaining("plans[0] (line 3)")
        .hasMessageContaining("needs the key 'steps'");
  }

  @Test
  void shouldRefuseAStepWithoutAction() {
    refused(base("        action: renewal-offer\n", ""))
        .hasMessageContaining("plans[1].steps[0] (line 18)")
        .hasMessageContaining("needs the key 'action'");
  }

  @Test
  void shouldRefuseAMessageWithoutReceiver() {
    refused(base("        to: branch-leads\n", ""))
        .hasMessageContaining("plans[1].steps[1] (line 20)")
        .hasMessageContaining("needs the key 'to'");
  }

  @Test
  void shouldRefuseAnUnknownAction() {
    refused(base("        action: renewal-offer", "        action: voucher"))
        .hasMessageContaining("plans[1].steps[0].action (line 19)")
        .hasMessageContaining("one of renewal-offer, callback, message")
        .hasMessageContaining("was \"voucher\"");
  }

  // ---- wrong values of enumerations ----

  @Test
  void shouldRefuseAnUnknownTier() {
    refused(base("      tiers: [STANDARD]", "      tiers: [STANDARD, GOLD]"))
        .hasMessageContaining("plans[1].entry.tiers[1] (line 14)")
        .hasMessageContaining("[HIGH_VALUE, STANDARD]")
        .hasMessageContaining("was \"GOLD\"");
  }

  @Test
  void shouldRefuseAnUnknownRiskBandAndNameTheListItemsOwnLine() {
    refused(
            base(
                "      risk-bands: [HIGH, CRITICAL]",
                "      risk-bands:\n        - HIGH\n        - high"))
        .hasMessageContaining("plans[1].entry.risk-bands[1] (line 17)")
        .hasMessageContaining("[LOW, MEDIUM, HIGH, CRITICAL]")
        .hasMessageContaining("was \"high\"");
  }

  @Test
  void shouldRefuseAnExitThatIsNotListable() {
    refused(base("    exits: [contacted]", "    exits: [contacted, sms]"))
        .hasMessageContaining("plans[1].exits[1] (line 16)")
        .hasMessageContaining("risk-fallen")
        .hasMessageContaining("was \"sms\"");
  }

  @Test
  void shouldRefuseASystemExitInAPlan() {
    refused(base("    exits: [contacted]", "    exits: [completed]"))
        .hasMessageContaining("plans[1].exits[0] (line 16)")
        .hasMessageContaining("was \"completed\"");
  }

  @Test
  void shouldRefuseAnIfSkippedOtherThanExitOrNext() {
    refused(base("        after-days: 3", "        after-days: 3\n        if-skipped: stop"))
        .hasMessageContaining("plans[1].steps[1].if-skipped (line 22)")
        .hasMessageContaining("exit or next")
        .hasMessageContaining("was \"stop\"");
  }

  // ---- ids ----

  @Test
  void shouldRefuseAnUpperCasePlanId() {
    refused(base("  - id: standard-renewal", "  - id: Standard-Renewal"))
        .hasMessageContaining("plans[1].id (line 11)")
        .hasMessageContaining("lower-case")
        .hasMessageContaining("was \"Standard-Renewal\"");
  }

  @Test
  void shouldRefuseAStepIdWithSpaces() {
    refused(base("      - id: renewal-offer", "      - id: renewal offer"))
        .hasMessageContaining("plans[1].steps[0].id (line 18)")
        .hasMessageContaining("was \"renewal offer\"");
  }

  @Test
  void shouldRefuseAnIdLongerThan48Characters() {
    String ok = "a".repeat(48);
    String tooLong = "a".repeat(49);
    assertThat(parse(base("  - id: standard-renewal", "  - id: " + ok)).find(ok, 1)).isPresent();

    refused(base("  - id: standard-renewal", "  - id: " + tooLong))
        .hasMessageContaining("plans[1].id (line 11)")
        .hasMessageContaining("1-48")
        .hasMessageContaining("was \"" + tooLong + "\"");
  }

  @Test
  void shouldRefuseTheSamePlanVersionTwice() {
    refused(base("  - id: standard-renewal", "  - id: high-value-callback"))
        .hasMessageContaining("plans[1] (line 11)")
        .hasMessageContaining("plan high-value-callback v1 is defined twice");
  }

  @Test
  void shouldAcceptTwoVersionsOfOnePlan() {
    JourneyPlans plans =
        parse(
            base(
                "  - id: standard-renewal\n    version: 1",
                "  - id: high-value-callback\n    version: 2"));

    assertThat(plans.find("high-value-callback", 1)).isPresent();
    assertThat(plans.find("high-value-callback", 2)).isPresent();
  }

  @Test
  void shouldRefuseAStepIdUsedTwiceInAPlan() {
    refused(base("      - id: tell-the-branch", "      - id: renewal-offer"))
        .hasMessageContaining("plans[1].steps[1] (line 20)")
        .hasMessageContaining("step id \"renewal-offer\" is used twice in plan standard-renewal");
  }

  // ---- keys that do not fit the action or the exits ----

  @Test
  void shouldRefuseAChannelOnACallback() {
    refused(base("        action: callback", "        action: callback\n        channel: EMAIL"))
        .hasMessageContaining("plans[0].steps[0].channel (line 11)")
        .hasMessageContaining("is only for action renewal-offer");
  }

  @Test
  void shouldRefuseAChannelNotInCapitals() {
    refused(
            base(
                "        action: renewal-offer",
                "        action: renewal-offer\n        channel: e-mail"))
        .hasMessageContaining("plans[1].steps[0].channel (line 20)")
        .hasMessageContaining("was \"e-mail\"");
  }

  @Test
  void shouldRefuseAReceiverOnAnOffer() {
    refused(
            base(
                "        action: renewal-offer",
                "        action: renewal-offer\n        to: branch-leads"))
        .hasMessageContaining("plans[1].steps[0].to (line 20)")
        .hasMessageContaining("is only for action message");
  }

  @Test
  void shouldRefuseRiskFallenBelowWithoutTheRiskFallenExit() {
    refused(base("    exits: [contacted]", "    exits: [contacted]\n    risk-fallen-below: HIGH"))
        .hasMessageContaining("plans[1].risk-fallen-below (line 17)")
        .hasMessageContaining("'exits' does not list risk-fallen");
  }

  @Test
  void shouldReadRiskFallenBelowWithTheExit() {
    JourneyPlans plans =
        parse(
            base(
                "    exits: [contacted]", "    exits: [risk-fallen]\n    risk-fallen-below: HIGH"));

    JourneyPlan std = plans.find("standard-renewal", 1).orElseThrow();
    assertThat(std.riskFallenBelow()).isEqualTo(RiskBand.HIGH);
    assertThat(std.exits()).contains(ExitReason.RISK_FALLEN).doesNotContain(ExitReason.CONTACTED);
  }

  // ---- numbers ----

  @Test
  void shouldRefuseNegativeAfterDays() {
    refused(base("        after-days: 3", "        after-days: -1"))
        .hasMessageContaining("plans[1].steps[1].after-days (line 21)")
        .hasMessageContaining("a whole number from 0 to 366")
        .hasMessageContaining("was \"-1\"");
  }

  @Test
  void shouldRefuseAfterDaysBeyondAYear() {
    assertThat(parse(base("        after-days: 3", "        after-days: 366")).all()).hasSize(2);

    refused(base("        after-days: 3", "        after-days: 367"))
        .hasMessageContaining("plans[1].steps[1].after-days (line 21)")
        .hasMessageContaining("was \"367\"");
  }

  @Test
  void shouldRefuseAFractionalWithinDays() {
    refused(base("        after-days: 3", "        within-days: 1.5"))
        .hasMessageContaining("plans[1].steps[1].within-days (line 21)")
        .hasMessageContaining("was \"1.5\"");
  }

  @Test
  void shouldRefuseAPriorityOutOfRangeAndAnUnsupportedFormatVersion() {
    refused(base("    priority: 20", "    priority: 1001"))
        .hasMessageContaining("plans[0].priority (line 5)")
        .hasMessageContaining("was \"1001\"");
    refused(base("version: 1\nplans:", "version: 2\nplans:"))
        .hasMessageContaining("version (line 1)")
        .hasMessageContaining("was \"2\"");
  }

  @Test
  void shouldRefuseZeroUnreachableCallbacks() {
    refused(base("          offer-received: false", "          callback-unreachable-at-least: 0"))
        .hasMessageContaining("plans[1].steps[1].when.callback-unreachable-at-least (line 23)")
        .hasMessageContaining("from 1 to 20")
        .hasMessageContaining("was \"0\"");
  }

  @Test
  void shouldRefuseAFlagThatIsNotTrueOrFalse() {
    refused(base("          offer-received: false", "          offer-received: yes"))
        .hasMessageContaining("plans[1].steps[1].when.offer-received (line 23)")
        .hasMessageContaining("true or false")
        .hasMessageContaining("was \"yes\"");
  }

  // ---- shape of the file ----

  @Test
  void shouldRefuseAnEmptyFile() {
    refused("").hasMessageContaining("is empty");
    refused("# only a comment\n").hasMessageContaining("is empty");
  }

  @Test
  void shouldRefuseAnEmptyPlansList() {
    refused("version: 1\nplans: []\n")
        .hasMessageContaining("plans (line 2)")
        .hasMessageContaining("a list of 1 to 50 plans");
  }

  @Test
  void shouldRefuseAPlanThatIsNotAMap() {
    refused("version: 1\nplans:\n  - standard-renewal\n")
        .hasMessageContaining("plans[0] (line 3)")
        .hasMessageContaining("must be a map");
  }

  @Test
  void shouldRefuseInvalidYamlNamingTheLine() {
    refused(base("      tiers: [STANDARD]", "      tiers: [STANDARD"))
        .hasMessageContaining("not valid YAML at line ");
  }

  @Test
  void shouldRefuseAJavaTypeTagWithoutConstructingIt() {
    refused(base("      tiers: [STANDARD]", "      tiers: !!java.net.URL [\"http://example.org\"]"))
        .hasMessageContaining("not valid YAML at line 14")
        .hasMessageContaining("tag is not allowed: tag:yaml.org,2002:java.net.URL");
  }

  @Test
  void shouldRefuseALocalTag() {
    refused(base("      tiers: [STANDARD]", "      tiers: !include tiers.yaml"))
        .hasMessageContaining("plans[1].entry.tiers (line 14)")
        .hasMessageContaining("has the tag !include")
        .hasMessageContaining("only plain maps, lists and values");
  }

  @Test
  void shouldRefuseADuplicateKey() {
    refused(base("    priority: 20", "    priority: 20\n    priority: 5"))
        .hasMessageContaining("plans[0].priority (line 6)")
        .hasMessageContaining("duplicate key \"priority\"");
  }

  @Test
  void shouldRefuseAReasonThatIsNotAFeature() {
    refused(base("      risk-bands: [HIGH, CRITICAL]", "      reasons: [open_complaints, grumpy]"))
        .hasMessageContaining("plans[1].entry.reasons[1] (line 15)")
        .hasMessageContaining("feature names")
        .hasMessageContaining("was \"grumpy\"");
  }

  @Test
  void shouldRefuseAProductLineNotInCapitals() {
    refused(base("      risk-bands: [HIGH, CRITICAL]", "      product-lines: motor"))
        .hasMessageContaining("plans[1].entry.product-lines (line 15)")
        .hasMessageContaining("was \"motor\"");
  }

  @Test
  void shouldShowControlCharactersInAValueEscaped() {
    refused(base("      - id: renewal-offer", "      - id: \"offer\\e[31m\\nred\""))
        .hasMessageContaining("plans[1].steps[0].id (line 18)")
        .hasMessageContaining("was \"offer\\u001b[31m\\u000ared\"")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b").doesNotContain("\n"));
  }

  @Test
  void shouldRefuseARawControlCharacterNamingItsLineEscaped() {
    refused(base("  - id: standard-renewal", "  - id: standard-renewal # \u001b[31m"))
        .hasMessageContaining("not valid YAML at line 11")
        .hasMessageContaining("the character \"\\u001b\" is not allowed")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
  }

  // ---- files ----

  @Test
  void shouldLoadAFileAndNameItInErrors() throws Exception {
    Path good = dir.resolve("good.yaml");
    Files.writeString(good, BASE);
    assertThat(PlanLoader.load(good).all()).hasSize(2);

    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, base("        action: renewal-offer", "        action: voucher"));
    assertThatThrownBy(() -> PlanLoader.load(bad))
        .isInstanceOf(PlanException.class)
        .hasMessageStartingWith("journey plans file bad.yaml: plans[1].steps[0].action (line 19)")
        .hasMessageContaining("was \"voucher\"");
  }

  @Test
  void shouldRefuseAFileThatIsNotUtf8NamingTheLine() throws Exception {
    Path latin1 = dir.resolve("latin1.yaml");
    byte[] utf8 =
        base("  - id: standard-renewal", "  - id: standard-renewal # café")
            .getBytes(StandardCharsets.UTF_8);
    Files.write(
        latin1,
        base("  - id: standard-renewal", "  - id: standard-renewal # café")
            .getBytes(StandardCharsets.ISO_8859_1));
    assertThat(PlanLoader.load(Files.write(dir.resolve("utf8.yaml"), utf8)).all()).hasSize(2);

    assertThatThrownBy(() -> PlanLoader.load(latin1))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("latin1.yaml")
        .hasMessageContaining("is not valid UTF-8")
        .hasMessageContaining("line 11");
  }

  @Test
  void shouldRefuseAFileLargerThanOneMegabyte() throws Exception {
    Path big = dir.resolve("big.yaml");
    byte[] content = new byte[PlanLoader.MAX_FILE_BYTES + 1];
    Arrays.fill(content, (byte) '#');
    Files.write(big, content);

    assertThatThrownBy(() -> PlanLoader.load(big))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("big.yaml")
        .hasMessageContaining("larger than 1048576 bytes");
  }

  @Test
  void shouldRefuseAStringLargerThanOneMegabyte() {
    refused("#".repeat(PlanLoader.MAX_FILE_BYTES + 1)).hasMessageContaining("larger than 1048576");
  }

  @Test
  void shouldRefuseAMissingFileNamingIt() {
    Path missing = dir.resolve("missing.yaml");
    assertThatThrownBy(() -> PlanLoader.load(missing))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("missing.yaml")
        .hasMessageContaining("NoSuchFileException");
  }
}
