package io.lapsewatch.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the notebooks honest: stripped of outputs, on the Java kernel, every step introduced by
 * prose, and every code cell compiling and running against the current code.
 */
class NotebooksTest {
  /** The module folder, where the notebooks live (Maven runs tests from there). */
  private static final Path NOTEBOOK_DIR = moduleDir();

  /** A notebook must run in well under this; they are meant to take seconds. */
  private static final Duration NOTEBOOK_TIME_LIMIT = Duration.ofMinutes(3);

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Code cells tagged {@code chart} per notebook: a chart cell that loses its tag (or a new one
   * without it) would otherwise escape the image check.
   */
  private static final Map<String, Integer> CHART_CELLS =
      Map.of(
          "01-explore-history.ipynb", 1,
          "02-train-evaluate-threshold.ipynb", 3,
          "03-explain-one-policyholder.ipynb", 1,
          "04-uplift-who-to-contact.ipynb", 0,
          "05-model-in-production.ipynb", 3);

  /** A chart smaller than this (pixels) is not a readable picture. */
  private static final int MIN_CHART_WIDTH = 400;

  private static final int MIN_CHART_HEIGHT = 250;

  private static Path moduleDir() {
    String basedir = System.getProperty("basedir");
    Path dir = basedir != null ? Path.of(basedir) : Path.of("").toAbsolutePath();
    Path nested = dir.resolve("notebooks");
    return Files.isDirectory(nested) && !hasNotebooks(dir) ? nested : dir;
  }

  private static boolean hasNotebooks(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith(".ipynb"));
    } catch (IOException e) {
      return false;
    }
  }

  private static List<Path> notebookFiles() throws IOException {
    try (Stream<Path> s = Files.list(NOTEBOOK_DIR)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  @Test
  void shouldFindTheFiveNotebooks() throws IOException {
    assertThat(notebookFiles())
        .map(p -> p.getFileName().toString())
        .contains(
            "01-explore-history.ipynb",
            "02-train-evaluate-threshold.ipynb",
            "03-explain-one-policyholder.ipynb",
            "04-uplift-who-to-contact.ipynb",
            "05-model-in-production.ipynb");
  }

  @TestFactory
  Stream<DynamicTest> everyNotebookIsStrippedOnTheJavaKernelAndExplained() throws IOException {
    return notebookFiles().stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(), () -> assertStrippedAndExplained(file)));
  }

  private static void assertStrippedAndExplained(Path file) throws IOException {
    Notebook nb = Notebook.read(file);
    assertThat(nb.kernelName()).as("%s kernelspec name", nb.name()).isEqualTo("java");
    assertThat(nb.kernelLanguage()).as("%s kernelspec language", nb.name()).isEqualTo("java");
    assertThat(nb.codeCells()).as("%s code cells", nb.name()).isNotEmpty();
    assertThat(nb.codeCells().stream().filter(Notebook.Cell::isChart).count())
        .as("%s: code cells tagged \"%s\"", nb.name(), Notebook.Cell.CHART_TAG)
        .isEqualTo(CHART_CELLS.getOrDefault(nb.name(), -1).longValue());
    assertThat(nb.cells().get(0).isMarkdown())
        .as("%s starts with a markdown cell saying what it shows", nb.name())
        .isTrue();
    for (Notebook.Cell c : nb.cells()) {
      String where = nb.name() + " cell " + (c.index() + 1);
      assertThat(c.outputCount())
          .as("%s has outputs; strip them before committing", where)
          .isZero();
      assertThat(c.hasExecutionCount())
          .as("%s has an execution count; strip it before committing", where)
          .isFalse();
      if (c.isCode()) {
        assertThat(nb.cells().get(c.index() - 1).isMarkdown())
            .as("%s: every code cell is introduced by a markdown cell", where)
            .isTrue();
        assertThat(c.source().lines().map(String::strip))
            .as(
                "%s: kernel magics (%%maven, %%jars...) do not run in the build; the README"
                    + " explains the class path instead",
                where)
            .noneMatch(line -> line.startsWith("%"));
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCodeCellOfEveryNotebookRuns() throws IOException {
    NotebookRunner runner = new NotebookRunner(NOTEBOOK_DIR.resolve("target/notebook-output"));
    return notebookFiles().stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(), () -> assertRuns(runner, file)));
  }

  private static void assertRuns(NotebookRunner runner, Path file) throws IOException {
    Notebook nb = Notebook.read(file);
    NotebookRunner.Run run = assertTimeoutPreemptively(NOTEBOOK_TIME_LIMIT, () -> runner.run(nb));
    System.out.printf(
        Locale.ROOT,
        "%s: %d code cells, %d snippets in %.1f s (ms per code cell: %s)%n",
        nb.name(),
        nb.codeCells().size(),
        run.snippets(),
        run.millis() / 1000.0,
        run.cellMillis());
    assertThat(run.snippets()).isGreaterThanOrEqualTo(nb.codeCells().size());
    for (int i = 0; i < run.cellValues().size(); i++) {
      assertThat(run.cellValues().get(i))
          .as(
              "%s code cell %d ends with an expression whose value the kernel prints under the"
                  + " cell (a final printf shows java.io.PrintStream@..., a final display(...) its"
                  + " id); print with System.out.print(String.format(...)) or end with a statement",
              nb.name(), i + 1)
          .isNull();
    }
    assertChartCellsShowImages(nb, run);
    deleteIfTemporary(run.workDir());
  }

  /**
   * Every code cell tagged {@code chart} displayed at least one PNG that decodes to a picture of a
   * readable size, and no other cell displayed an image (so the tags say where the charts are).
   */
  static void assertChartCellsShowImages(Notebook nb, NotebookRunner.Run run) throws IOException {
    List<Notebook.Cell> code = nb.codeCells();
    for (int i = 0; i < code.size(); i++) {
      Notebook.Cell cell = code.get(i);
      List<byte[]> images = run.cellImages().get(i);
      String where = nb.name() + " cell " + (cell.index() + 1) + " (code cell " + (i + 1) + ")";
      if (!cell.isChart()) {
        assertThat(images)
            .as("%s displays an image but is not tagged \"%s\"", where, Notebook.Cell.CHART_TAG)
            .isEmpty();
        continue;
      }
      assertThat(images).as("%s is tagged as a chart but displayed no image", where).isNotEmpty();
      for (byte[] png : images) {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("%s displayed something that is not a PNG", where).isNotNull();
        assertThat(image.getWidth())
            .as("%s chart width", where)
            .isGreaterThanOrEqualTo(MIN_CHART_WIDTH);
        assertThat(image.getHeight())
            .as("%s chart height", where)
            .isGreaterThanOrEqualTo(MIN_CHART_HEIGHT);
      }
    }
  }

  /** Removes a notebook's work folder, but only one the notebook made in the temp directory. */
  private static void deleteIfTemporary(Path dir) throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
    if (dir == null || !Files.isDirectory(dir) || !dir.toRealPath().startsWith(tmp)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void shouldRunSnippetsOfACellInOrderSharingDeclarations(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "fine.ipynb",
            "import java.util.List;\n"
                + "java.nio.file.Path work = java.nio.file.Path.of(\""
                + dir.toString().replace("\\", "\\\\")
                + "\");\n"
                + "int twice(int x) { return 2 * x; }\n"
                + "List<Integer> xs = List.of(1, 2, 3)\n",
            "// a comment-only tail is fine\n"
                + "int total = xs.stream().mapToInt(x -> twice(x)).sum();\n"
                + "System.out.println(\"total \" + total);\n"
                + "total // shown by the kernel\n");

    NotebookRunner.Run run = new NotebookRunner(null).run(Notebook.read(file));

    assertThat(run.snippets()).isEqualTo(7);
    assertThat(run.output()).contains("total 12");
    assertThat(run.cellValues()).containsExactly(null, "12");
    assertThat(run.workDir()).isEqualTo(dir);
  }

  @Test
  void shouldFailNamingTheCellWhenASnippetDoesNotCompile(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "broken.ipynb",
            "int answer = 42;\nSystem.out.println(\"before the break\");\n",
            "String s = answer.toUpperCase();\n");

    assertThatThrownBy(() -> new NotebookRunner(null).run(Notebook.read(file)))
        .isInstanceOf(NotebookRunner.NotebookFailure.class)
        .hasMessageContaining("notebook broken.ipynb, cell 4 of 4 (code cell 2)")
        .hasMessageContaining("String s = answer.toUpperCase();")
        .hasMessageContaining("rejected by the compiler")
        .hasMessageContaining("int cannot be dereferenced")
        .hasMessageContaining("before the break");
  }

  @Test
  void shouldFailWithTheExceptionWhenASnippetThrows(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "throws.ipynb",
            "import java.util.List;\nList<String> none = List.of();\n",
            "if (none.isEmpty()) {\n"
                + "  throw new IllegalStateException(\"no policyholders in the history\");\n"
                + "}\n");

    assertThatThrownBy(() -> new NotebookRunner(null).run(Notebook.read(file)))
        .isInstanceOf(NotebookRunner.NotebookFailure.class)
        .hasMessageContaining("notebook throws.ipynb, cell 4 of 4 (code cell 2)")
        .hasMessageContaining("if (none.isEmpty()) {")
        .hasMessageContaining(
            "threw java.lang.IllegalStateException: no policyholders in the history");
  }

  @Test
  void shouldFailWhenACellEndsInsideAStatement(@TempDir Path dir) throws IOException {
    Path file = write(dir, "unfinished.ipynb", "int x = 1;\nfor (int i = 0; i < 3; i++) {\n");

    assertThatThrownBy(() -> new NotebookRunner(null).run(Notebook.read(file)))
        .isInstanceOf(NotebookRunner.NotebookFailure.class)
        .hasMessageContaining("notebook unfinished.ipynb, cell 2 of 2 (code cell 1)")
        .hasMessageContaining("for (int i = 0; i < 3; i++) {")
        .hasMessageContaining("unfinished at the end of the cell");
  }

  @Test
  void shouldCaptureTheImageAChartCellDisplays(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir,
            "chart.ipynb",
            "int width = 640;\n",
            CHART_MARK
                + "java.awt.image.BufferedImage image =\n"
                + "    new java.awt.image.BufferedImage(width, 300,"
                + " java.awt.image.BufferedImage.TYPE_INT_RGB);\n"
                + "display(image);\n"
                + "System.out.println(\"shown\");\n");
    Notebook nb = Notebook.read(file);

    NotebookRunner.Run run = new NotebookRunner(null).run(nb);

    assertThat(run.cellImages()).hasSize(2);
    assertThat(run.cellImages().get(0)).isEmpty();
    assertThat(run.cellImages().get(1)).hasSize(1);
    BufferedImage shown = ImageIO.read(new ByteArrayInputStream(run.cellImages().get(1).get(0)));
    assertThat(shown.getWidth()).isEqualTo(640);
    assertChartCellsShowImages(nb, run);
  }

  @Test
  void shouldFailAChartCellThatShowsNoImage(@TempDir Path dir) throws IOException {
    Path file = write(dir, "nochart.ipynb", CHART_MARK + "System.out.println(\"no picture\");\n");
    Notebook nb = Notebook.read(file);

    NotebookRunner.Run run = new NotebookRunner(null).run(nb);

    assertThatThrownBy(() -> assertChartCellsShowImages(nb, run))
        .hasMessageContaining("nochart.ipynb cell 2 (code cell 1) is tagged as a chart but")
        .hasMessageContaining("displayed no image");
  }

  @Test
  void shouldFailATinyChartAndAnUntaggedImage(@TempDir Path dir) throws IOException {
    String tiny =
        "display(new java.awt.image.BufferedImage(40, 30,"
            + " java.awt.image.BufferedImage.TYPE_INT_RGB));\n";
    Notebook tagged = Notebook.read(write(dir, "tiny.ipynb", CHART_MARK + tiny));
    Notebook untagged = Notebook.read(write(dir, "untagged.ipynb", tiny));
    NotebookRunner runner = new NotebookRunner(null);

    NotebookRunner.Run taggedRun = runner.run(tagged);
    NotebookRunner.Run untaggedRun = runner.run(untagged);

    assertThatThrownBy(() -> assertChartCellsShowImages(tagged, taggedRun))
        .hasMessageContaining("tiny.ipynb cell 2 (code cell 1) chart width");
    assertThatThrownBy(() -> assertChartCellsShowImages(untagged, untaggedRun))
        .hasMessageContaining("displays an image but is not tagged \"chart\"");
  }

  /** A code cell given to {@link #write} starting with this line is tagged {@code chart}. */
  private static final String CHART_MARK = "@chart\n";

  /** Writes a stripped notebook: each code cell introduced by a one-line markdown cell. */
  private static Path write(Path dir, String name, String... codeCells) throws IOException {
    ObjectNode nb = JSON.createObjectNode();
    ObjectNode kernel = nb.putObject("metadata").putObject("kernelspec");
    kernel.put("name", "java").put("display_name", "Java").put("language", "java");
    nb.put("nbformat", 4).put("nbformat_minor", 5);
    ArrayNode cells = nb.putArray("cells");
    int n = 0;
    for (String code : codeCells) {
      n++;
      ObjectNode md = cells.addObject();
      md.put("cell_type", "markdown").put("id", "md" + n).putObject("metadata");
      md.putArray("source").add("Step " + n);
      ObjectNode c = cells.addObject();
      c.put("cell_type", "code").put("id", "code" + n).putNull("execution_count");
      ObjectNode meta = c.putObject("metadata");
      if (code.startsWith(CHART_MARK)) {
        meta.putArray("tags").add(Notebook.Cell.CHART_TAG);
        code = code.substring(CHART_MARK.length());
      }
      c.putArray("outputs");
      ArrayNode src = c.putArray("source");
      code.lines().forEach(line -> src.add(line + "\n"));
    }
    Path file = dir.resolve(name);
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), nb);
    return file;
  }
}
