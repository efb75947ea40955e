package io.lapsewatch.modeltraining.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private final String html = HtmlReport.render(ReportFixtures.report());

  @Test
  void hasTheFourEvaluationChartsAsInlineSvg() {
    for (String id : HtmlReport.CHART_IDS) {
      Matcher m =
          Pattern.compile("<svg id=\"" + id + "\"[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(html);
      assertThat(m.find()).as(id).isTrue();
      assertThat(m.group(1)).as(id + " draws a curve").contains("<path d=\"M");
    }
    assertThat(html).contains("ROC curve", "Precision-recall", "Calibration by score decile");
    assertThat(html).contains("Cumulative gains");
  }

  @Test
  void isSelfContained() {
    assertThat(html).doesNotContain("<script", "<link", "src=", "href=", "@import", "url(");
    // The only URL is the SVG namespace, which browsers never fetch.
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:", "https:");
  }

  @Test
  void showsConfusionMatrixLiftCaptureAndImportance() {
    assertThat(html).contains("Confusion matrix at the chosen threshold", "Threshold 0.4500");
    assertThat(html).contains("Lift and capture at k%", "capture rate");
    assertThat(html).contains("id=\"importance-chart\"", "price_shock");
    assertThat(html).contains("Reliability by decile");
  }

  @Test
  void escapesNamesThatComeFromTheData() {
    assertThat(html).contains("tenure &lt;years&gt;").doesNotContain("tenure <years>");
  }
}
