package io.lapsewatch.retentiondesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void shouldEscapeEveryCharacterThatCouldStartMarkupOrEndAnAttribute() {
    assertThat(Html.escape("<script>alert('x')</script> & \"q\""))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  }

  @Test
  void shouldKeepOrdinaryTextAndChineseAsTheyAre() {
    assertThat(Html.escape("客户说下周一续保 ok")).isEqualTo("客户说下周一续保 ok");
    assertThat(Html.escape(null)).isEmpty();
  }

  @Test
  void shouldFramePagesWithTheDesksStylesheetOnly() {
    String page = Html.page(Lang.EN, "<b>title</b>", "<main></main>");
    assertThat(page)
        .contains("<html lang=\"en\">")
        .contains("<title>&lt;b&gt;title&lt;/b&gt;</title>")
        .contains("href=\"" + Html.STYLESHEET + "\"")
        .doesNotContain("<script");
  }
}
