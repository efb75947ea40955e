package io.lapsewatch.alertcontract.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code ${env:NAME}} and {@code ${file:/path}} placeholders in routing values, so webhook
 * URLs, signing secrets and SMTP passwords live in the environment or in mounted secret files,
 * never in the routing file itself. Errors name the variable or file, never the value. The same
 * placeholders serve Kafka client settings ({@link #resolveSetting}).
 */
public final class SecretResolver {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(env|file):([^}]+)}");

  private final Map<String, String> env;

  /** Reads {@code ${env:...}} from {@code env} (the process environment in production). */
  public SecretResolver(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * {@code value} with every placeholder replaced; {@code where} names the key for errors, which
   * {@code error} turns into the caller's own exception type.
   */
  public String resolve(
      String value, String where, Function<String, ? extends RuntimeException> error) {
    return fill(value, where, error);
  }

  /**
   * A configuration value outside the routing file (a Kafka client property such as {@code
   * sasl.jaas.config}) with every placeholder replaced.
   *
   * @throws IllegalArgumentException naming {@code key} and the variable or file, never a value
   */
  public String resolveSetting(String value, String key) {
    return fill(value, key, IllegalArgumentException::new);
  }

  private String fill(
      String value, String where, Function<String, ? extends RuntimeException> error) {
    Matcher m = PLACEHOLDER.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String kind = m.group(1);
      String ref = m.group(2).trim();
      String replacement;
      if (kind.equals("env")) {
        replacement = env.get(ref);
        if (replacement == null || replacement.isBlank()) {
          throw error.apply(where + ": environment variable " + ref + " is not set (or empty)");
        }
      } else {
        try {
          // Secret files usually end with a newline that is not part of the secret.
          replacement = Files.readString(Path.of(ref), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
          throw error.apply(
              where
                  + ": cannot read secret file "
                  + ref
                  + " ("
                  + e.getClass().getSimpleName()
                  + ")");
        }
        if (replacement.isEmpty()) {
          throw error.apply(where + ": secret file " + ref + " is empty");
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
