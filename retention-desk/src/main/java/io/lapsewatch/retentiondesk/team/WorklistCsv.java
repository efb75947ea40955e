package io.lapsewatch.retentiondesk.team;

import io.lapsewatch.retentiondesk.RetentionCase;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The worklist as CSV for a lead's spreadsheet: the same rows as the page, policyholder ids masked
 * (an export leaves the desk's access control behind, so it carries no more than the page shows).
 */
public final class WorklistCsv {
  /** The header row. */
  public static final List<String> HEADER =
      List.of(
          "case_id",
          "deadline",
          "action",
          "policyholder",
          "tier",
          "owner",
          "branch",
          "status",
          "resolution",
          "last_result",
          "overdue");

  private WorklistCsv() {}

  /** {@code rows} as CSV (RFC 4180, CRLF line ends), overdue judged at {@code now}. */
  public static String write(List<RetentionCase> rows, Instant now) {
    StringWriter out = new StringWriter();
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get();
    try (CSVPrinter csv = new CSVPrinter(out, format)) {
      for (RetentionCase c : rows) {
        csv.printRecord(
            c.caseId(),
            c.deadline().toString(),
            c.action().name(),
            c.maskedPolicyholderId(),
            c.brief() == null ? "" : c.brief().tier().name(),
            c.owner(),
            c.branch() == null ? "" : c.branch(),
            c.status().name(),
            c.resolution() == null ? "" : c.resolution().name(),
            c.lastResult() == null ? "" : c.lastResult().name(),
            c.isOverdue(now) ? "yes" : "no");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing CSV to memory cannot fail", e);
    }
    return out.toString();
  }
}
