package io.lapsewatch.modeltraining.tabular;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads delimited text (RFC 4180 style): a header row, a configurable separator, fields optionally
 * in double quotes, a doubled quote inside quotes for a literal quote, and separators or line
 * breaks inside quoted fields.
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
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    Records records = new Records(in, separator, source);
    List<String> header = records.next();
    if (header == null) {
      throw new IllegalArgumentException(source + " is empty: expected a header row");
    }
    if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
      header.set(0, header.get(0).substring(1));
    }
    for (int i = 0; i < header.size(); i++) {
      header.set(i, header.get(i).trim());
    }
    checkUniqueNames(header, source);
    List<String[]> rows = new ArrayList<>();
    List<String> fields;
    while ((fields = records.next()) != null) {
      if (fields.size() == 1 && fields.get(0).isEmpty() && !records.lastWasQuoted) {
        continue; // a blank line, usually the last one
      }
      if (fields.size() != header.size()) {
        throw new IllegalArgumentException(
            source
                + " line "
                + records.recordStartLine
                + ": "
                + fields.size()
                + " fields but the header has "
                + header.size()
                + " (separator "
                + printable(separator)
                + "; is --sep right, or is a quote left open?)");
      }
      rows.add(fields.toArray(new String[0]));
    }
    return new CsvTable(source, header, rows);
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

  /** Splits the character stream into records, one list of fields each. */
  private static final class Records {
    private final BufferedReader in;
    private final char sep;
    private final String source;
    private int line = 1;
    private int recordStartLine;
    private boolean lastWasQuoted;
    private boolean eof;

    Records(BufferedReader in, char sep, String source) {
      this.in = in;
      this.sep = sep;
      this.source = source;
    }

    List<String> next() throws IOException {
      if (eof) {
        return null;
      }
      recordStartLine = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean inQuotes = false;
      boolean any = false;
      lastWasQuoted = false;
      while (true) {
        int c = in.read();
        if (c < 0) {
          eof = true;
          if (inQuotes) {
            throw new IllegalArgumentException(
                source + " line " + recordStartLine + ": a quoted field is never closed");
          }
          if (!any) {
            return null;
          }
          fields.add(field.toString());
          return fields;
        }
        any = true;
        if (inQuotes) {
          if (c == '"') {
            in.mark(1);
            int d = in.read();
            if (d == '"') {
              field.append('"');
            } else {
              inQuotes = false;
              if (d >= 0) {
                in.reset();
              }
            }
          } else {
            if (c == '\n') {
              line++;
            }
            field.append((char) c);
          }
        } else if (c == sep) {
          fields.add(field.toString());
          field.setLength(0);
          quoted = false;
        } else if (c == '\n' || c == '\r') {
          if (c == '\r') {
            in.mark(1);
            if (in.read() != '\n') {
              in.reset();
            }
          }
          line++;
          fields.add(field.toString());
          return fields;
        } else if (c == '"' && !quoted && field.toString().isBlank()) {
          // Only a quote at the start of a field opens quoting; elsewhere it is a literal.
          field.setLength(0);
          inQuotes = true;
          quoted = true;
          lastWasQuoted = true;
        } else {
          field.append((char) c);
        }
      }
    }
  }
}
