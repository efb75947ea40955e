package io.lapsewatch.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The demo's numbered progress lines, and the indented stream for what each step prints. */
final class DemoProgress {
  private final PrintStream out;
  private final int total;
  private final long start = System.nanoTime();
  private int n;

  DemoProgress(PrintStream out, int total) {
    this.out = out;
    this.total = total;
  }

  /** Announces the next step, e.g. {@code [2/6 12.3 s] simulating ...}. */
  void next(String what) {
    n++;
    out.printf("[%d/%d %5.1f s] %s%n", n, total, (System.nanoTime() - start) / 1e9, what);
  }

  /** A detail line under the current step. */
  void detail(String line) {
    out.println("      " + line);
  }

  /** A detail line under the current step, formatted. */
  void detailf(String format, Object... args) {
    out.printf("      " + format, args);
  }

  /** The plain output, for the summary. */
  PrintStream out() {
    return out;
  }

  /** A stream that indents every line under the current step (for what other commands print). */
  PrintStream indented() {
    return new PrintStream(
        new OutputStream() {
          private boolean lineStart = true;

          @Override
          public void write(int b) {
            if (lineStart) {
              out.print("      ");
              lineStart = false;
            }
            out.write(b);
            if (b == '\n') {
              lineStart = true;
            }
          }
        },
        true,
        StandardCharsets.UTF_8);
  }
}
