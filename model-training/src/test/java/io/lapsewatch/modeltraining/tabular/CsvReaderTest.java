package io.lapsewatch.modeltraining.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

  @Test
  void readsHeaderAndRows() {
    CsvTable t = CsvReader.parse("id,premium,lapsed\n1,120.5,Yes\n2,80,No\n", ',', "policies");

    assertThat(t.header()).containsExactly("id", "premium", "lapsed");
    assertThat(t.rows()).hasSize(2);
    assertThat(t.rows().get(0)).containsExactly("1", "120.5", "Yes");
  }

  @Test
  void quotedFieldsMayHoldSeparatorsQuotesAndLineBreaks() {
    String text =
        "name;note;region\n"
            + "\"Smith; John\";\"said \"\"cancel\"\"\";North\n"
            + "\"Lee\";\"two\nlines\";South\n";

    CsvTable t = CsvReader.parse(text, ';', "policyholders");

    assertThat(t.rows()).hasSize(2);
    assertThat(t.rows().get(0)).containsExactly("Smith; John", "said \"cancel\"", "North");
    assertThat(t.rows().get(1)).containsExactly("Lee", "two\nlines", "South");
  }

  @Test
  void separatorIsConfigurable() {
    CsvTable t = CsvReader.parse("a\tb\n1,5\t2\n", '\t', "tabs");

    assertThat(t.rows().get(0)).containsExactly("1,5", "2");
  }

  @Test
  void blankFieldsStayEmptyAndCrLfLineEndsWork() {
    CsvTable t = CsvReader.parse("a,b,c\r\n1,,3\r\n,,\r\n", ',', "blanks");

    assertThat(t.rows()).hasSize(2);
    assertThat(t.rows().get(0)).containsExactly("1", "", "3");
    assertThat(t.rows().get(1)).containsExactly("", "", "");
  }

  @Test
  void byteOrderMarkIsNotPartOfTheFirstColumnName(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bom.csv");
    Files.write(f, "\uFEFFlapse,age\n1,40\n".getBytes(StandardCharsets.UTF_8));

    CsvTable t = CsvReader.read(f, ',');

    assertThat(t.header()).containsExactly("lapse", "age");
  }

  @Test
  void wrongFieldCountNamesTheLineAndHintsAtTheSeparator() {
    assertThatThrownBy(() -> CsvReader.parse("a;b;c\n1;2;3\n4,5,6\n", ';', "eu.csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eu.csv line 3")
        .hasMessageContaining("1 fields but the header has 3")
        .hasMessageContaining("--sep");
  }

  @Test
  void unclosedQuoteIsReported() {
    assertThatThrownBy(() -> CsvReader.parse("a,b\n\"open,2\n", ',', "broken"))
        .hasMessageContaining("never closed");
  }

  @Test
  void duplicateColumnNamesAreRejected() {
    assertThatThrownBy(() -> CsvReader.parse("age,age\n1,2\n", ',', "dup"))
        .hasMessageContaining("'age' appears twice");
  }

  @Test
  void missingFileSaysWhichFile(@TempDir Path dir) {
    assertThatThrownBy(() -> CsvReader.read(dir.resolve("nope.csv"), ','))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("nope.csv");
  }

  @Test
  void unknownColumnListsTheColumnsThereAre() {
    CsvTable t = CsvReader.parse("Churn,tenure\nYes,1\n", ',', "telco");

    assertThatThrownBy(() -> t.columnIndex("churn"))
        .hasMessageContaining("no column 'churn'")
        .hasMessageContaining("Churn, tenure");
  }

  @Test
  void lineNumbersCountBlankLinesAndLineBreaksInsideQuotes() {
    String text = "a,b\n\n1,\"two\nlines\"\n\n3,4,5\n";

    assertThatThrownBy(() -> CsvReader.parse(text, ',', "gaps.csv"))
        .hasMessageContaining("gaps.csv line 6")
        .hasMessageContaining("3 fields but the header has 2");
  }

  @Test
  void blankLinesBetweenRowsAreSkipped() {
    CsvTable t = CsvReader.parse("a,b\n1,2\n\n3,4\n\n", ',', "gaps");

    assertThat(t.rows()).hasSize(2);
    assertThat(t.rows().get(1)).containsExactly("3", "4");
  }

  @Test
  void quoteInsideAnUnquotedFieldIsALiteral() {
    CsvTable t = CsvReader.parse("size,note\n12\",\"a\"b\"\n", ',', "inches");

    assertThat(t.rows().get(0)[0]).isEqualTo("12\"");
  }

  @Test
  void unclosedQuoteNamesTheSourceAndTheLineItOpensOn() {
    assertThatThrownBy(() -> CsvReader.parse("a,b\n1,2\n\"open,2\n3,4\n", ',', "broken.csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("broken.csv line 3: a quoted field is never closed");
  }

  @Test
  void emptyInputAsksForAHeaderRow() {
    assertThatThrownBy(() -> CsvReader.parse("", ',', "nothing.csv"))
        .hasMessageContaining("nothing.csv is empty: expected a header row");
  }
}
