package io.lapsewatch.alerts.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

  @Test
  void shouldKeepOnlyTheSurnameOfAName() {
    assertThat(PersonalData.maskName("张三")).isEqualTo("张*");
    assertThat(PersonalData.maskName("欧阳娜娜")).isEqualTo("欧***");
    assertThat(PersonalData.maskName("王")).isEqualTo("王*");
    assertThat(PersonalData.maskName("John Smith")).isEqualTo("J* Smith");
    assertThat(PersonalData.maskName("Mary Ann Lee")).isEqualTo("M* A* Lee");
    // A surname outside the Basic Multilingual Plane stays whole.
    assertThat(PersonalData.maskName("\uD840\uDC0B明")).isEqualTo("\uD840\uDC0B*");
  }

  @Test
  void shouldKeepFirstThreeAndLastFourDigitsOfAPhoneNumber() {
    assertThat(PersonalData.maskPhone("13812341234")).isEqualTo("138****1234");
    assertThat(PersonalData.maskPhone("138-1234-1234")).isEqualTo("138****1234");
    assertThat(PersonalData.maskPhone("+86 138 1234 1234")).isEqualTo("+86 138****1234");
    assertThat(PersonalData.maskPhone("+44 7700 900123")).isEqualTo("+44 770***0123");
    assertThat(PersonalData.maskPhone("5551234")).isEqualTo("*****34");
  }

  @Test
  void shouldMaskEmailsAndIdNumbers() {
    assertThat(PersonalData.maskEmail("zhang.san@example.com")).isEqualTo("z***@example.com");
    assertThat(PersonalData.maskIdNumber("110101199003071234")).isEqualTo("**************1234");
  }

  @Test
  void shouldMaskAttributesByTheirName() {
    assertThat(PersonalData.maskAttribute("policyholderName", "李四")).isEqualTo("李*");
    assertThat(PersonalData.maskAttribute("agentMobile", "13900001111")).isEqualTo("139****1111");
    assertThat(PersonalData.maskAttribute("policyholderPhone", "13812341234"))
        .isEqualTo("138****1234");
    assertThat(PersonalData.maskAttribute("contactEmail", "a@b.cn")).isEqualTo("a***@b.cn");
    assertThat(PersonalData.maskAttribute("branch", "SH-01")).isEqualTo("SH-01");
  }

  @Test
  void shouldScrubPhoneNumbersAndEmailsFromFreeTextButNotDates() {
    String text =
        "mobile 13812341234 rejected (also +86 139-0000-1111), contact ops@example.com;"
            + " renewal 2026-06-19, premium 7200";

    String scrubbed = PersonalData.scrub(text);

    assertThat(scrubbed)
        .contains("138****1234")
        .contains("+86 139****1111")
        .contains("o***@example.com")
        .contains("2026-06-19")
        .contains("7200")
        .doesNotContain("13812341234")
        .doesNotContain("0000-1111")
        .doesNotContain("ops@");
  }
}
