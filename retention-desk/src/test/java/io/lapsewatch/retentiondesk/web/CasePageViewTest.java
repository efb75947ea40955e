package io.lapsewatch.retentiondesk.web;

import static io.lapsewatch.retentiondesk.web.TestingPageCases.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.retentiondesk.ResultKind;
import io.lapsewatch.retentiondesk.RetentionCase;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CasePageViewTest {
  private static final CasePageView VIEW = new CasePageView(ZoneId.of("Asia/Shanghai"));
  private static final CasePageView.FormTokens FORM =
      new CasePageView.FormTokens("1781388000.sig_x", "1781300000.form_y", "page-req-1");

  @Test
  void shouldShowTheCaseWithPersonalDataMasked() throws Exception {
    String html = VIEW.render(fold(opened()), Lang.EN, NOW, FORM, false);

    assertThat(html)
        .contains(RetentionCase.mask(HOLDER))
        .contains(RetentionCase.mask(POLICY))
        .doesNotContain(HOLDER)
        .doesNotContain(POLICY)
        .contains("Callback task")
        .contains("High value")
        .contains("Critical")
        .contains("12,400")
        // The deadline, midnight UTC, shown in Shanghai time.
        .contains("2026-06-13 08:00")
        .contains("2 unresolved complaints, oldest 21 days")
        .contains(Html.escape(TalkingPoints.forFeature("open_complaints").en()))
        .contains(Html.escape(TalkingPoints.GENERIC.en()))
        .doesNotContain("overdue");
  }

  @Test
  void shouldShowHowOldTheFeaturesBehindTheAlertWere() throws Exception {
    assertThat(VIEW.render(fold(opened()), Lang.EN, NOW, FORM, false))
        .contains("Feature age")
        .contains("features from events up to 3 days before the alert");
    assertThat(VIEW.render(fold(opened()), Lang.ZH_CN, NOW, FORM, false))
        .contains("特征来自预警前 3 天及更早的事件");
    assertThat(CasePageView.featureAge(86_399, Lang.EN)).contains("the alert's own day");
    assertThat(CasePageView.featureAge(86_400, Lang.EN)).endsWith("up to 1 day before the alert");
  }

  @Test
  void shouldSpeakChineseWithTheChineseReasonText() throws Exception {
    String html = VIEW.render(fold(opened()), Lang.ZH_CN, NOW, FORM, false);

    assertThat(html)
        .contains("<html lang=\"zh-CN\">")
        .contains("回访客户")
        .contains("2 件投诉尚未解决")
        .contains(Html.escape(TalkingPoints.forFeature("open_complaints").zh()))
        .contains("已联系上")
        .doesNotContain("2 unresolved complaints");
  }

  @Test
  void shouldEscapeANoteAndCarryNoScriptAndNoOtherLink() throws Exception {
    RetentionCase c =
        fold(opened(), result("r1", ResultKind.REACHED, "<script>alert(1)</script> & \"x\""));

    for (Lang lang : Lang.values()) {
      String html = VIEW.render(c, lang, NOW, FORM, true);
      assertThat(html)
          .doesNotContain("<script")
          .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;");
      assertThat(Pattern.compile("<link ").matcher(html).results().count()).isEqualTo(1);
      assertThat(html).contains("<link rel=\"stylesheet\" href=\"" + Html.STYLESHEET + "\">");
      assertThat(html).doesNotContain("http://").doesNotContain("https://");
    }
  }

  @Test
  void shouldCarryTheHiddenFieldsAndOneButtonPerResult() throws Exception {
    String html = VIEW.render(fold(opened()), Lang.EN, NOW, FORM, false);

    assertThat(html)
        .contains("name=\"t\" value=\"1781388000.sig_x\"")
        .contains("name=\"csrf\" value=\"1781300000.form_y\"")
        .contains("name=\"requestId\" value=\"page-req-1\"")
        .contains("method=\"post\" action=\"/desk/cases/" + CASE + "\"")
        // Default contact time: now in Shanghai, to the minute.
        .contains("name=\"contactedAt\" value=\"2026-05-21T14:00\"")
        .contains("type=\"datetime-local\" id=\"nextAttemptAt\"");
    for (ResultKind k : ResultKind.values()) {
      assertThat(html).contains("name=\"result\" value=\"" + k.name() + "\"");
    }
    // The language switch keeps the link's token.
    assertThat(html)
        .contains("href=\"/desk/cases/" + CASE + "?t=1781388000.sig_x&amp;lang=zh-CN\"");
  }

  @Test
  void shouldShowAClosedCaseWithoutTheFormAndTheNoticeAfterARecordedResult() throws Exception {
    RetentionCase closed = fold(opened(), result("r1", ResultKind.ACCEPTED, null));

    String html = VIEW.render(closed, Lang.EN, NOW, FORM, true);

    assertThat(html)
        .doesNotContain("<form")
        .contains("Result recorded")
        .contains("Closed · Accepted")
        .contains("Result: Offer accepted");
  }

  @Test
  void shouldMarkAnOverdueCase() throws Exception {
    String html = VIEW.render(fold(opened()), Lang.EN, DEADLINE.plusSeconds(3600), FORM, false);

    assertThat(html).contains("badge overdue");
  }

  @Test
  void shouldShowAnErasedCaseWithoutAnyPersonalData() throws Exception {
    RetentionCase erased =
        fold(opened(), result("r1", ResultKind.REACHED, "lives at 5 Elm Street"), erased());

    String html = VIEW.render(erased, Lang.EN, NOW, FORM, false);

    assertThat(html)
        .doesNotContain(HOLDER)
        .doesNotContain(POLICY)
        .doesNotContain("Elm Street")
        .doesNotContain("<form")
        .contains("(erased)");
  }

  @Test
  void shouldShowTheEscalationChainInFactsAndHistory() throws Exception {
    String id = io.lapsewatch.retentiondesk.CaseIds.escalatedEvent(CASE, 1);
    RetentionCase c =
        io.lapsewatch.retentiondesk.CaseFile.apply(
            io.lapsewatch.retentiondesk.CaseFile.apply(
                fold(opened()),
                io.lapsewatch.retentiondesk.CaseEvent.escalated(
                    id, CASE, "lapsewatch-desk", NOW, 1, null, null)),
            io.lapsewatch.retentiondesk.CaseEvent.escalated(
                io.lapsewatch.retentiondesk.CaseIds.escalatedEvent(CASE, 2),
                CASE,
                "lapsewatch-desk",
                NOW.plusSeconds(86_400),
                2,
                "senior-pool",
                null));

    String en = VIEW.render(c, Lang.EN, NOW, FORM, false);
    assertThat(en)
        .contains("<dt>Escalation</dt>")
        .contains("level 1: branch lead told, 2026-05-21 14:00")
        .contains("level 2: moved to the senior pool, 2026-05-22 14:00 → senior-pool")
        .contains("Escalated: level 1");
    assertThat(VIEW.render(c, Lang.ZH_CN, NOW, FORM, false))
        .contains("<dt>升级</dt>")
        .contains("第1级：通知分支主管")
        .contains("升级: 第2级：转交资深团队");
  }
}
