package io.lapsewatch.notebooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Executes the code cells of a notebook in order, snippet by snippet, the way a JShell-based kernel
 * (rapaio-jupyter-kernel) does: one {@link JShell} per notebook, so later cells see earlier
 * declarations.
 *
 * <p>The JShell runs with the {@code local} execution engine: snippets execute in this JVM, with
 * this JVM's class path (the module's test class path, i.e. the project and its dependencies). The
 * default engine would start and attach to a second JVM per notebook over JDI, which costs seconds
 * on a busy two-core machine and needs the class path passed on twice (compiler and remote VM) for
 * nothing the notebooks need. Snippet output is captured by swapping {@code System.out} while a
 * notebook runs, because the local engine writes to this JVM's streams.
 */
final class NotebookRunner {
  /**
   * What a notebook printed, how long it took, how long each code cell took, and the folder it
   * wrote into (the value of its top-level {@value #WORK_DIR_VARIABLE} variable, null if none).
   */
  record Run(
      String output,
      long millis,
      int snippets,
      List<Long> cellMillis,
      List<List<byte[]>> cellImages,
      List<String> cellValues,
      Path workDir) {}

  /**
   * A cell's snippet count and the value of its last snippet that the kernel would print as the
   * cell's result (null when none: a statement, a declaration or a void call).
   */
  private record CellRun(int snippets, String shownValue) {}

  /**
   * Snippet kinds whose value rapaio-jupyter-kernel prints as the cell's result when one ends a
   * cell: an expression, and a bare variable name.
   */
  private static final Set<Snippet.SubKind> SHOWN_KINDS =
      EnumSet.of(
          Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND,
          Snippet.SubKind.OTHER_EXPRESSION_SUBKIND,
          Snippet.SubKind.VAR_VALUE_SUBKIND);

  /**
   * Notebooks that write files keep their temporary folder in a top-level variable of this name.
   */
  static final String WORK_DIR_VARIABLE = "work";

  /** Lines of the notebook's own output repeated in a failure message. */
  private static final int OUTPUT_TAIL_LINES = 15;

  private final Path outputDir;

  /**
   * @param outputDir where each notebook's printed output is written as {@code NAME.txt}, or null
   */
  NotebookRunner(Path outputDir) {
    this.outputDir = outputDir;
  }

  /**
   * Runs every code cell of {@code notebook}.
   *
   * @throws NotebookFailure naming the notebook, the cell, the snippet and what went wrong
   */
  Run run(Notebook notebook) throws IOException {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream sink = new PrintStream(captured, true, StandardCharsets.UTF_8);
    PrintStream stdout = System.out;
    long t0 = System.nanoTime();
    int snippets = 0;
    List<Long> cellMillis = new ArrayList<>();
    List<List<byte[]>> cellImages = new ArrayList<>();
    List<String> cellValues = new ArrayList<>();
    Path workDir = null;
    System.setOut(sink);
    try (JShell shell = JShell.builder().executionEngine("local").out(sink).err(sink).build()) {
      // Compile against this JVM's class path (under Maven, the module's test class path). The
      // JDK's JShell does so by default, but its API does not promise it, so say it. The local
      // engine's loader asks this JVM's class loader first, so classes are not loaded twice.
      shell.addToClasspath(System.getProperty("java.class.path"));
      declareDisplay(shell);
      NotebookDisplay.takeShown(); // nothing left over from an earlier notebook
      int codeCell = 0;
      for (Notebook.Cell cell : notebook.cells()) {
        if (!cell.isCode()) {
          continue;
        }
        codeCell++;
        long c0 = System.nanoTime();
        CellRun cellRun = runCell(shell, notebook, cell, codeCell, captured);
        snippets += cellRun.snippets();
        cellValues.add(cellRun.shownValue());
        cellMillis.add((System.nanoTime() - c0) / 1_000_000);
        cellImages.add(NotebookDisplay.takeShown());
      }
      workDir = workDir(shell);
    } finally {
      System.setOut(stdout);
      sink.flush();
      if (outputDir != null) {
        Files.createDirectories(outputDir);
        Files.write(
            outputDir.resolve(notebook.name().replaceFirst("\\.ipynb$", "") + ".txt"),
            captured.toByteArray());
      }
    }
    return new Run(
        captured.toString(StandardCharsets.UTF_8),
        (System.nanoTime() - t0) / 1_000_000,
        snippets,
        List.copyOf(cellMillis),
        List.copyOf(cellImages),
        java.util.Collections.unmodifiableList(cellValues), // holds nulls
        workDir);
  }

  /** The kernel's {@code display(...)} as the notebooks call it, captured by NotebookDisplay. */
  private static void declareDisplay(JShell shell) {
    for (String declaration : NotebookDisplay.SHIM) {
      for (SnippetEvent event : shell.eval(declaration)) {
        String problem = problem(shell, event);
        if (problem != null) {
          throw new IllegalStateException("the display shim " + problem);
        }
      }
    }
  }

  private static Path workDir(JShell shell) {
    return shell
        .variables()
        .filter(v -> v.name().equals(WORK_DIR_VARIABLE) && v.typeName().endsWith("Path"))
        .filter(v -> shell.status(v).isActive())
        .map(v -> Path.of(shell.varValue(v)))
        .findFirst()
        .orElse(null);
  }

  private CellRun runCell(
      JShell shell,
      Notebook notebook,
      Notebook.Cell cell,
      int codeCell,
      ByteArrayOutputStream captured) {
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    String rest = cell.source();
    int count = 0;
    String shown = null;
    while (true) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
      SourceCodeAnalysis.Completeness completeness = info.completeness();
      if (completeness == SourceCodeAnalysis.Completeness.EMPTY) {
        return new CellRun(count, shown);
      }
      if (!completeness.isComplete() && completeness != SourceCodeAnalysis.Completeness.UNKNOWN) {
        throw failure(
            notebook,
            cell,
            codeCell,
            rest.strip(),
            "is unfinished at the end of the cell (" + completeness + ")",
            captured);
      }
      // UNKNOWN (not Java as far as the analyser can tell) is evaluated anyway so the compiler
      // says what is wrong with it.
      String snippet = info.source() != null ? info.source() : rest;
      rest = info.source() != null ? info.remaining() : "";
      count++;
      shown = null;
      for (SnippetEvent event : shell.eval(snippet)) {
        if (event.causeSnippet() != null) {
          continue; // a side effect on an earlier snippet (e.g. a variable redeclared)
        }
        String problem = problem(shell, event);
        if (problem != null) {
          throw failure(notebook, cell, codeCell, snippet.strip(), problem, captured);
        }
        if (event.value() != null && SHOWN_KINDS.contains(event.snippet().subKind())) {
          shown = event.value();
        }
      }
    }
  }

  /** What went wrong with a snippet's evaluation, or null when it ran. */
  private static String problem(JShell shell, SnippetEvent event) {
    Snippet s = event.snippet();
    switch (event.status()) {
      case REJECTED:
        return "was rejected by the compiler:\n" + diagnostics(shell, s);
      case RECOVERABLE_DEFINED:
      case RECOVERABLE_NOT_DEFINED:
        return "declares something that refers to what is not defined: "
            + (s instanceof DeclarationSnippet d
                ? String.join(", ", shell.unresolvedDependencies(d).toList())
                : "")
            + "\n"
            + diagnostics(shell, s);
      default:
        break;
    }
    JShellException e = event.exception();
    if (e == null) {
      return null;
    }
    if (e instanceof UnresolvedReferenceException u) {
      return "calls "
          + u.getSnippet().source().strip()
          + " which cannot run: "
          + diagnostics(shell, u.getSnippet());
    }
    return "threw " + describe(e);
  }

  private static String diagnostics(JShell shell, Snippet s) {
    List<Diag> diags = shell.diagnostics(s).toList();
    if (diags.isEmpty()) {
      return "    (no diagnostic)";
    }
    String source = s.source();
    return diags.stream()
        .map(
            d -> {
              int line = lineOf(source, d.getStartPosition());
              return String.format(
                  Locale.ROOT,
                  "    %s at line %d of the snippet: %s",
                  d.isError() ? "error" : "warning",
                  line,
                  d.getMessage(Locale.ROOT).replace("\n", "\n      "));
            })
        .collect(Collectors.joining("\n"));
  }

  private static int lineOf(String source, long position) {
    if (position < 0) {
      return 1;
    }
    int line = 1;
    for (int i = 0; i < Math.min(position, source.length()); i++) {
      if (source.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** Stack frames shown per exception of a chain. */
  private static final int FRAMES = 12;

  /**
   * The exception chain with its stack frames. JShell hands user exceptions back as {@link
   * EvalException}s that carry the original class name, causes included.
   */
  private static String describe(JShellException e) {
    StringBuilder sb = new StringBuilder();
    Throwable t = e;
    for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
      String name =
          t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
      sb.append(depth == 0 ? "" : "\ncaused by ").append(name).append(": ").append(t.getMessage());
      StackTraceElement[] frames = t.getStackTrace();
      for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
        sb.append("\n    at ").append(frames[i]);
      }
      if (frames.length > FRAMES) {
        sb.append("\n    ... ").append(frames.length - FRAMES).append(" more");
      }
    }
    return sb.toString();
  }

  private static NotebookFailure failure(
      Notebook notebook,
      Notebook.Cell cell,
      int codeCell,
      String snippet,
      String problem,
      ByteArrayOutputStream captured) {
    String out = captured.toString(StandardCharsets.UTF_8).strip();
    List<String> lines = out.isEmpty() ? List.of() : List.of(out.split("\n"));
    String tail =
        String.join(
            "\n", lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL_LINES), lines.size()));
    return new NotebookFailure(
        String.format(
            Locale.ROOT,
            "notebook %s, cell %d of %d (code cell %d): the snippet%n%s%n%s%s",
            notebook.name(),
            cell.index() + 1,
            notebook.cells().size(),
            codeCell,
            indent(snippet),
            problem,
            tail.isEmpty() ? "" : "\nlast output of the notebook:\n" + indent(tail)));
  }

  private static String indent(String text) {
    return "    " + text.replace("\n", "\n    ");
  }

  /** A notebook cell that did not compile or run. */
  static final class NotebookFailure extends AssertionError {
    NotebookFailure(String message) {
      super(message);
    }
  }
}
