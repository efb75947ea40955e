package io.lapsewatch.modeltraining.trainers;

import java.io.PrintStream;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * While open, turns Tribuo's java.util.logging progress lines into our own progress output (or
 * nothing), instead of letting them reach stderr in the JDK's two-line log format.
 */
final class TribuoLogRelay implements AutoCloseable {
  // Held strongly: java.util.logging keeps loggers weakly, and a collected logger loses its
  // handler.
  private final Logger tribuo = Logger.getLogger("org.tribuo");
  private final Handler handler;
  private final boolean parentHandlers;
  private final Level level;

  /**
   * @param translate maps a Tribuo message to a progress line, or null to drop it
   */
  TribuoLogRelay(PrintStream out, Function<String, String> translate) {
    parentHandlers = tribuo.getUseParentHandlers();
    level = tribuo.getLevel();
    handler =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
              out.println("  tribuo " + r.getLevel() + ": " + r.getMessage());
              return;
            }
            String line = translate.apply(r.getMessage());
            if (line != null) {
              out.println(line);
            }
          }

          @Override
          public void flush() {
            out.flush();
          }

          @Override
          public void close() {}
        };
    tribuo.setUseParentHandlers(false);
    tribuo.setLevel(Level.INFO);
    tribuo.addHandler(handler);
  }

  @Override
  public void close() {
    tribuo.removeHandler(handler);
    tribuo.setUseParentHandlers(parentHandlers);
    tribuo.setLevel(level);
  }
}
