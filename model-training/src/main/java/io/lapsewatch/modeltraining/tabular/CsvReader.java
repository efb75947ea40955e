package io.lapsewatch.modeltraining.tabular;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads delimited text with Apache Commons CSV (RFC 4180): a header row, a configurable separator,
 * fields optionally in double quotes, a doubled quote inside quotes for a literal quote, and
 * separators or line breaks inside quoted fields. Errors name the source and the line.
 */
public final class CsvReader {
  private CsvReader() {}

  /** Reads a UTF-8 file (a leading byte-order mark is ignored). */
  public static CsvTable read(Path file, char separator) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no such CSV file '" + file + "'");
    }
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in, separator, file.toString());
    }
  }

  /** Parses text already in memory; {@code source} names it in error messages. */
  public static CsvTable parse(String text, char separator, String source) {
    try {
      return parse(new StringReader(text), separator, source);
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
  }

  /** Parses a stream; {@code source} names it in error messages. */
  public static CsvTable parse(Reader reader, char separator, String source) throws IOException {
    if (separator == '"' || separator == '\n' || separator == '\r') {
      throw new IllegalArgumentException(
          "separator " + printable(separator) + " cannot be used; pick e.g. ',' or ';'");
    }
    // Empty lines come through as records so that every record's first line is the line after
    // the previous record's last: error messages can then name the line a user sees.
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(separator)
            .setIgnoreEmptyLines(false)
            .setTrailingData(true)
            .get();
    try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      Iterator<CSVRecord> records = parser.iterator();
      long line = 1;
      List<String> header = null;
      List<String[]> rows = new ArrayList<>();
      while (true) {
        long recordStartLine = line;
        CSVRecord r;
        try {
          if (!records.hasNext()) {
            break;
          }
          r = records.next();
        } catch (UncheckedIOException e) {
          throw malformed(source, recordStartLine, e);
        }
        line = parser.getCurrentLineNumber() + 1;
        if (r.size() == 1 && r.get(0).isEmpty()) {
          continue; // a blank line, usually the last one
        }
        if (header == null) {
          header = header(r, source);
          continue;
        }
        if (r.size() != header.size()) {
          throw new IllegalArgumentException(
              source
                  + " line "
                  + recordStartLine
                  + ": "
                  + r.size()
                  + " fields but the header has "
                  + header.size()
                  + " (separator "
                  + printable(separator)
                  + "; is --sep right, or is a quote left open?)");
        }
        rows.add(r.values());
      }
      if (header == null) {
        throw new IllegalArgumentException(source + " is empty: expected a header row");
      }
      return new CsvTable(source, header, rows);
    }
  }

  private static List<String> header(CSVRecord r, String source) {
    List<String> header = new ArrayList<>(r.toList());
    if (header.get(0).startsWith("\uFEFF")) {
      header.set(0, header.get(0).substring(1));
    }
    for (int i = 0; i < header.size(); i++) {
      header.set(i, header.get(i).trim());
    }
    checkUniqueNames(header, source);
    return header;
  }

  /** Turns the library's parse error into one that names the file and the record's first line. */
  private static IllegalArgumentException malformed(
      String source, long line, UncheckedIOException e) {
    String detail = String.valueOf(e.getCause() == null ? e : e.getCause().getMessage());
    String what =
        detail.contains("EOF reached before encapsulated token finished")
            ? "a quoted field is never closed"
            : "cannot be read (" + detail + ")";
    return new IllegalArgumentException(source + " line " + line + ": " + what, e);
  }

  private static void checkUniqueNames(List<String> header, String source) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).isEmpty()) {
        throw new IllegalArgumentException(
            source + ": column " + (i + 1) + " of the header has no name");
      }
      if (header.indexOf(header.get(i)) != i) {
        throw new IllegalArgumentException(
            source + ": column name '" + header.get(i) + "' appears twice in the header");
      }
    }
  }

  private static String printable(char c) {
    return switch (c) {
      case '\t' -> "'\\t'";
      case '\n' -> "'\\n'";
      case '\r' -> "'\\r'";
      default -> "'" + c + "'";
    };
  }
}
