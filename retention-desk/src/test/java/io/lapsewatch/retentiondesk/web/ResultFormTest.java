package io.lapsewatch.retentiondesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.retentiondesk.ResultKind;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultFormTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private static Map<String, String> fields() {
    Map<String, String> m = new HashMap<>();
    m.put("result", "UNREACHABLE");
    m.put("requestId", "page-abc");
    return m;
  }

  @Test
  void shouldReadTheTimesInTheDesksZone() throws Exception {
    Map<String, String> m = fields();
    m.put("nextAttemptAt", "2026-05-22T09:30");
    m.put("contactedAt", "2026-05-21T14:05");
    m.put("note", "  line one\r\nline two\t ");

    ResultForm f = ResultForm.parse(m, SHANGHAI);

    assertThat(f.result()).isEqualTo(ResultKind.UNREACHABLE);
    assertThat(f.nextAttemptAt()).isEqualTo(Instant.parse("2026-05-22T01:30:00Z"));
    assertThat(f.contactedAt()).isEqualTo(Instant.parse("2026-05-21T06:05:00Z"));
    assertThat(f.note()).isEqualTo("line one line two");
    assertThat(f.requestId()).isEqualTo("page-abc");
  }

  @Test
  void shouldLeaveEmptyOptionalFieldsUnset() throws Exception {
    Map<String, String> m = fields();
    m.put("note", " ");
    m.put("nextAttemptAt", "");

    ResultForm f = ResultForm.parse(m, SHANGHAI);

    assertThat(f.note()).isNull();
    assertThat(f.nextAttemptAt()).isNull();
    assertThat(f.contactedAt()).isNull();
  }

  @Test
  void shouldNameTheBadField() {
    Map<String, String> result = fields();
    result.put("result", "PROMISED");
    assertThatThrownBy(() -> ResultForm.parse(result, SHANGHAI))
        .isInstanceOfSatisfying(
            ResultForm.BadField.class, e -> assertThat(e.field()).isEqualTo("result"))
        .hasMessageContaining("'PROMISED'");

    Map<String, String> time = fields();
    time.put("contactedAt", "yesterday");
    assertThatThrownBy(() -> ResultForm.parse(time, SHANGHAI))
        .isInstanceOfSatisfying(
            ResultForm.BadField.class, e -> assertThat(e.field()).isEqualTo("contactedAt"))
        .hasMessageContaining("'yesterday'");

    Map<String, String> note = fields();
    note.put("note", "x".repeat(1001));
    assertThatThrownBy(() -> ResultForm.parse(note, SHANGHAI))
        .isInstanceOfSatisfying(
            ResultForm.BadField.class, e -> assertThat(e.field()).isEqualTo("note"))
        .hasMessageContaining("1001 characters, limit 1000");

    Map<String, String> bidi = fields();
    bidi.put("note", "call \u202Eback");
    assertThatThrownBy(() -> ResultForm.parse(bidi, SHANGHAI))
        .isInstanceOfSatisfying(
            ResultForm.BadField.class, e -> assertThat(e.field()).isEqualTo("note"))
        .hasMessageContaining("U+202E");

    Map<String, String> request = fields();
    request.remove("requestId");
    assertThatThrownBy(() -> ResultForm.parse(request, SHANGHAI))
        .isInstanceOfSatisfying(
            ResultForm.BadField.class, e -> assertThat(e.field()).isEqualTo("requestId"));
  }
}
