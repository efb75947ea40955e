package io.lapsewatch.alerts.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrubberTest {

  @Test
  void shouldMaskTheAlertsOwnNameWhereverItRecursInAnyCaseOrOrder() {
    Scrubber s = Scrubber.forAttributes(Map.of("policyholderName", "Zhang San"));

    assertThat(s.scrub("Zhang San asked to cancel")).isEqualTo("Z. S. asked to cancel");
    assertThat(s.scrub("spoke to ZHANG  SAN and to san zhang"))
        .isEqualTo("spoke to Z. S. and to s. z.");
    // Whole words only: a name inside another word is not the name.
    assertThat(s.scrub("Zhang Sandra")).isEqualTo("Zhang Sandra");
  }

  @Test
  void shouldMaskAKnownChineseNameWithOrWithoutSpaces() {
    Scrubber s = Scrubber.forAttributes(Map.of("policyholderName", "欧阳娜娜"));

    assertThat(s.scrub("客户欧阳娜娜要求退保")).isEqualTo("客户欧阳**要求退保");
    assertThat(s.scrub("客户 欧阳 娜娜")).isEqualTo("客户 欧阳 **");
  }

  @Test
  void shouldMaskAKnownNumberInAnotherFormatAndAShortOneThePatternsMiss() {
    Scrubber s =
        Scrubber.forAttributes(
            Map.of("policyholderPhone", "+86 13812345678", "agentMobile", "555 1234"));

    assertThat(s.scrub("call 138 1234 5678")).isEqualTo("call 138****5678");
    assertThat(s.scrub("agent on 555-1234")).isEqualTo("agent on *****34");
  }

  @Test
  void shouldMaskKnownEmailsAndIdNumbers() {
    Scrubber s =
        Scrubber.forAttributes(
            Map.of("agentEmail", "wei@insurer.example", "policyholderIdNumber", "E12345678"));

    assertThat(s.scrub("cc WEI@insurer.example about E12345678"))
        .isEqualTo("cc W***@insurer.example about *****5678");
  }

  @Test
  void shouldIgnoreAttributesThatAreNotPersonalAndOneCharacterNames() {
    Scrubber s = Scrubber.forAttributes(Map.of("branch", "SH-01", "policyholderName", "王"));

    assertThat(s.scrub("branch SH-01, 王牌 product")).isEqualTo("branch SH-01, 王牌 product");
  }

  @Test
  void shouldStillMaskEveryPhoneNumberWithoutKnownValues() {
    assertThat(Scrubber.forAttributes(Map.of()).scrub("call 415-555-1234"))
        .isEqualTo("call ******1234");
    assertThat(Scrubber.PATTERNS.scrub(null)).isNull();
  }
}
