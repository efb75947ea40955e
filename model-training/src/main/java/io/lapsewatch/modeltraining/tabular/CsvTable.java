package io.lapsewatch.modeltraining.tabular;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A parsed CSV file: its header and its rows, every row as wide as the header. */
public record CsvTable(String source, List<String> header, List<String[]> rows) {

  public CsvTable {
    header = List.copyOf(header);
    rows = List.copyOf(rows);
  }

  /** Position of a named column; fails naming the file and the columns it does have. */
  public int columnIndex(String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(
          "no column '"
              + name
              + "' in "
              + source
              + "; its columns are: "
              + String.join(", ", header));
    }
    return i;
  }

  public int size() {
    return rows.size();
  }

  /** The values of one column, in row order. */
  public List<String> column(String name) {
    int i = columnIndex(name);
    List<String> out = new ArrayList<>(rows.size());
    for (String[] r : rows) {
      out.add(r[i]);
    }
    return out;
  }

  /** A table with the same header and only the given rows (by position). */
  public CsvTable select(int[] rowIndices, String label) {
    List<String[]> picked = new ArrayList<>(rowIndices.length);
    for (int i : rowIndices) {
      picked.add(rows.get(i));
    }
    return new CsvTable(source + " (" + label + ")", header, picked);
  }

  @Override
  public String toString() {
    return source
        + ": "
        + rows.size()
        + " rows, columns "
        + header.stream().collect(Collectors.joining(", "));
  }
}
