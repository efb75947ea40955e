package io.lapsewatch.alerts.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataTest {

  @Test
  void shouldKeepOnlyTheSurnameOfAChineseName() {
    assertThat(PersonalData.maskName("张三")).isEqualTo("张*");
    assertThat(PersonalData.maskName("张三丰")).isEqualTo("张**");
    assertThat(PersonalData.maskName("王")).isEqualTo("王*");
    assertThat(PersonalData.maskName("张 三")).isEqualTo("张 *");
    // A surname outside the Basic Multilingual Plane stays whole.
    assertThat(PersonalData.maskName("\uD840\uDC0B明")).isEqualTo("\uD840\uDC0B*");
  }

  @Test
  void shouldKeepBothCharactersOfACompoundSurname() {
    assertThat(PersonalData.maskName("欧阳娜娜")).isEqualTo("欧阳**");
    assertThat(PersonalData.maskName("司马相如")).isEqualTo("司马**");
    assertThat(PersonalData.maskName("諸葛亮")).isEqualTo("諸葛*");
    // Two characters may as well be surname 欧 and given name 阳.
    assertThat(PersonalData.maskName("欧阳")).isEqualTo("欧*");
  }

  @Test
  void shouldKeepOnlyTheInitialsOfALatinName() {
    assertThat(PersonalData.maskName("Zhang San")).isEqualTo("Z. S.");
    assertThat(PersonalData.maskName("San Zhang")).isEqualTo("S. Z.");
    assertThat(PersonalData.maskName("John Smith")).isEqualTo("J. S.");
    assertThat(PersonalData.maskName("Mary Ann Lee")).isEqualTo("M. A. L.");
    assertThat(PersonalData.maskName("Jean-Luc Picard")).isEqualTo("J.-L. P.");
    assertThat(PersonalData.maskName("O'Brien")).isEqualTo("O.");
    assertThat(PersonalData.maskName("  ouyang  nana ")).isEqualTo("o. n.");
    assertThat(PersonalData.maskName("Zhang San")).doesNotContain("hang").doesNotContain("an");
  }

  @Test
  void shouldKeepTheFirstCharacterOfEachPartOfAForeignNameInChinese() {
    assertThat(PersonalData.maskName("约翰·史密斯")).isEqualTo("约*·史**");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "13812345678          | 138****5678",
        "138-1234-5678        | 138****5678",
        "138 1234 5678        | 138****5678",
        "138.1234.5678        | 138****5678",
        "+86 138 1234 5678    | +86 138****5678",
        "+86-138-1234-5678    | +86 138****5678",
        "+8613812345678       | +86 138****5678",
        "(415) 555-1234       | ******1234",
        "415-555-1234         | ******1234",
        "415.555.1234         | ******1234",
        "+1 (415) 555-1234    | +1 ******1234",
        "+14155551234         | +1 ******1234",
        "+44 20 7946 0958     | +44 ******0958",
        "+44 (0)20 7946 0958  | +44 *******0958",
        "020 7946 0958        | *******0958",
        "+44 7700 900123      | +44 ******0123",
        "010-12345678         | *******5678",
        "（010）1234 5678       | *******5678",
        "5551234              | *****34",
      })
  void shouldMaskEveryListedPhoneFormat(String phone, String masked) {
    assertThat(PersonalData.maskPhone(phone)).isEqualTo(masked);
  }

  @Test
  void shouldMaskEmailsAndIdNumbers() {
    assertThat(PersonalData.maskEmail("zhang.san@example.com")).isEqualTo("z***@example.com");
    assertThat(PersonalData.maskIdNumber("110101199003071234")).isEqualTo("**************1234");
  }

  @Test
  void shouldMaskAttributesByTheirName() {
    assertThat(PersonalData.maskAttribute("policyholderName", "李四")).isEqualTo("李*");
    assertThat(PersonalData.maskAttribute("policyholderName", "Zhang San")).isEqualTo("Z. S.");
    assertThat(PersonalData.maskAttribute("agentMobile", "13900001111")).isEqualTo("139****1111");
    assertThat(PersonalData.maskAttribute("policyholderPhone", "(415) 555-1234"))
        .isEqualTo("******1234");
    assertThat(PersonalData.maskAttribute("contactEmail", "a@b.cn")).isEqualTo("a***@b.cn");
    assertThat(PersonalData.maskAttribute("branch", "SH-01")).isEqualTo("SH-01");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "call +86 138 1234 5678 today       | call +86 138****5678 today",
        "call 138-1234-5678 today           | call 138****5678 today",
        "call 13812345678 today             | call 138****5678 today",
        "call (415) 555-1234 today          | call ******1234 today",
        "call 415-555-1234 today            | call ******1234 today",
        "call +44 20 7946 0958 today        | call +44 ******0958 today",
        "call 020 7946 0958 today           | call *******0958 today",
        "call 138.1234.5678 today           | call 138****5678 today",
        "call 415 555 1234, then email      | call ******1234, then email",
        "客户电话13812345678请回电             | 客户电话138****5678请回电",
        "电话：（010）1234-5678。               | 电话：*******5678。",
        "tel:+1-415-555-1234.               | tel:+1 ******1234.",
        "ID 11010119900307123X on file      | ID **************123X on file",
        "mail ops@example.com now           | mail o***@example.com now",
        "branch SH-01 (+86 21 5555 1234)    | branch SH-01 (+86 ******1234)",
        // A date written right before a number is taken as part of it (README: known gaps).
        "on 2025-02-02 13812345678          | on ***************5678",
      })
  void shouldScrubEveryListedFormatFromFreeText(String text, String scrubbed) {
    assertThat(PersonalData.scrub(text)).isEqualTo(scrubbed);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "renewal 2025-02-02, deadline 2025/02/09 and 02.02.2025",
        "renewal 20250202",
        "policy PO00003976-0 for agent AG0878",
        "alert al-d97d18958b422779486f7dd4 from model gbdt-2025.02.02-r1",
        "annual premium 5,000; claim 12,345.67; total 1,234,567",
        "lapse risk 43.9%, premium +18% at renewal, 12 %",
        "1 cancellation enquiry in 90 days",
        "2 unresolved complaints, oldest 21 days",
        "customer for 12.5 years; claims took 45 days to settle",
        "latest NPS 3/10, satisfaction score 2/5",
        "近 90 天咨询退保 1 次，保费已逾期 12 天",
        "续保日期 2026-06-19（30 天后），年缴保费 7,200",
        "complaints 2024-2025, renewed 2019 2020 2021",
        "premium 12.345.678 or 12 345 678 (grouped thousands)",
        "ratio 1234.5678 and 0.12345678",
        "at 2025-02-02T10:30:00Z, 10:30:45",
        "case PH-13812345678 and ref POL_41555512345",
        "masked already: 138****5678, +86 138****5678, ******1234, z***@example.com",
      })
  void shouldLeaveDatesIdsAmountsPercentagesAndCountsAlone(String text) {
    assertThat(PersonalData.scrub(text)).isEqualTo(text);
  }

  @Test
  void shouldScrubWhatItScrubbedToTheSameText() {
    String text =
        "call +86 138 1234 5678, (415) 555-1234 or 020 7946 0958; ops@example.com;"
            + " id 110101199003071234";

    String once = PersonalData.scrub(text);

    assertThat(PersonalData.scrub(once)).isEqualTo(once);
    assertThat(once).doesNotContainPattern("\\d{5}").doesNotContain("ops@");
  }
}
