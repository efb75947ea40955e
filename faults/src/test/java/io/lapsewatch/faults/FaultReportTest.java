package io.lapsewatch.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultReportTest {
  @TempDir Path dir;

  private static FaultResult result(String name, long expected, long present) {
    return new FaultResult(
        name,
        "redis-server killed | 2 s",
        "alerts",
        expected,
        present,
        expected - present,
        0,
        List.of("a note"),
        List.of(),
        Map.of(),
        1.0);
  }

  @Test
  void replacesOnlyTheGeneratedPartOfTheDocAndFlagsLosses() throws Exception {
    Path doc = dir.resolve("fault-suite.md");
    Files.writeString(
        doc,
        "# Prose\n\n" + FaultReport.BEGIN + "\nold table\n" + FaultReport.END + "\n\nMore prose.\n",
        StandardCharsets.UTF_8);
    FaultReport report =
        new FaultReport(List.of(result("a", 10, 10), result("b", 10, 9)), true, "cmd --quick");

    report.updateDoc(doc);

    String text = Files.readString(doc, StandardCharsets.UTF_8);
    assertThat(text).startsWith("# Prose\n\n").endsWith("\n\nMore prose.\n");
    assertThat(text).doesNotContain("old table");
    assertThat(text).contains("| `a` | redis-server killed \\| 2 s |").contains("**FAIL**");
    assertThat(report.allPassed()).isFalse();
  }
}
