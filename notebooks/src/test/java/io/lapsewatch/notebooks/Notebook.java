package io.lapsewatch.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A Jupyter notebook (nbformat 4) as the build reads it: kernel, cells and their outputs. */
record Notebook(String name, String kernelName, String kernelLanguage, List<Cell> cells) {

  /**
   * One cell; {@code index} is its 0-based position in the notebook's cell list, {@code tags} its
   * Jupyter cell tags ({@code metadata.tags}).
   */
  record Cell(
      int index,
      String type,
      String source,
      int outputCount,
      boolean hasExecutionCount,
      List<String> tags) {

    /** The tag of a code cell that shows a chart (the build checks it displays an image). */
    static final String CHART_TAG = "chart";

    boolean isChart() {
      return tags.contains(CHART_TAG);
    }

    boolean isCode() {
      return "code".equals(type);
    }

    boolean isMarkdown() {
      return "markdown".equals(type);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  static Notebook read(Path file) throws IOException {
    String name = file.getFileName().toString();
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(name + " is not valid notebook JSON: " + e.getMessage(), e);
    }
    if (root == null || root.path("nbformat").asInt() != 4) {
      throw new IOException(
          name + " is not an nbformat 4 notebook (nbformat " + root.path("nbformat") + ")");
    }
    JsonNode kernel = root.path("metadata").path("kernelspec");
    List<Cell> cells = new ArrayList<>();
    JsonNode list = root.path("cells");
    for (int i = 0; i < list.size(); i++) {
      JsonNode c = list.get(i);
      JsonNode ec = c.get("execution_count");
      List<String> tags = new ArrayList<>();
      c.path("metadata").path("tags").forEach(t -> tags.add(t.asText()));
      cells.add(
          new Cell(
              i,
              c.path("cell_type").asText(),
              source(c.path("source")),
              c.path("outputs").size(),
              ec != null && !ec.isNull(),
              List.copyOf(tags)));
    }
    return new Notebook(
        name,
        kernel.path("name").asText(null),
        kernel.path("language").asText(null),
        List.copyOf(cells));
  }

  /** nbformat stores source as one string or as a list of lines that keep their newlines. */
  private static String source(JsonNode source) {
    if (source.isTextual()) {
      return source.asText();
    }
    StringBuilder sb = new StringBuilder();
    source.forEach(line -> sb.append(line.asText()));
    return sb.toString();
  }

  List<Cell> codeCells() {
    return cells.stream().filter(Cell::isCode).toList();
  }
}
