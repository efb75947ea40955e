package io.lapsewatch.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a running alerts service over HTTP, as an operator's probe and Prometheus would: the health
 * endpoint's status, and sums of counters from a {@code /metrics} scrape.
 */
final class ServiceProbe {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? ([^ ]+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The status {@code url} answers with, or -1 when it does not answer within 10 s. */
  int status(String url) throws InterruptedException {
    try {
      return http.send(request(url), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  /** One scrape of {@code url}: the exposition text. */
  String scrape(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request(url), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(url + " answered HTTP " + r.statusCode());
    }
    return r.body();
  }

  /** The sum of {@code metric}'s samples whose labels pass {@code labels}. */
  static double sum(String scrape, String metric, Predicate<Map<String, String>> labels) {
    double total = 0;
    for (String line : scrape.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (m.find() && m.group(1).equals(metric) && labels.test(labels(m.group(2)))) {
        total += Double.parseDouble(m.group(3));
      }
    }
    return total;
  }

  /** The sum of all of {@code metric}'s samples. */
  static double sum(String scrape, String metric) {
    return sum(scrape, metric, l -> true);
  }

  private static Map<String, String> labels(String braces) {
    Map<String, String> out = new HashMap<>();
    if (braces != null) {
      Matcher m = LABEL.matcher(braces);
      while (m.find()) {
        out.put(m.group(1), m.group(2));
      }
    }
    return out;
  }

  private static HttpRequest request(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
  }
}
