package io.lapsewatch.alerts.metrics;

import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Enumeration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * One Jetty request as client_java's scrape handler sees it, so {@code /metrics} keeps the
 * exporter's own content negotiation ({@code Accept}), {@code name[]} filters and gzip.
 */
final class ScrapeExchange implements PrometheusHttpExchange {
  private final Request request;
  private final Response response;
  private OutputStream body;

  ScrapeExchange(Request request, Response response) {
    this.request = request;
    this.response = response;
  }

  @Override
  public PrometheusHttpRequest getRequest() {
    return new PrometheusHttpRequest() {
      @Override
      public String getQueryString() {
        return request.getHttpURI().getQuery();
      }

      @Override
      public Enumeration<String> getHeaders(String name) {
        return Collections.enumeration(request.getHeaders().getValuesList(name));
      }

      @Override
      public String getMethod() {
        return request.getMethod();
      }

      @Override
      public String getRequestPath() {
        return Request.getPathInContext(request);
      }
    };
  }

  @Override
  public PrometheusHttpResponse getResponse() {
    return new PrometheusHttpResponse() {
      @Override
      public void setHeader(String name, String value) {
        response.getHeaders().put(name, value);
      }

      /** Same contract as the JDK server's: length -1 is no body, 0 an unknown length. */
      @Override
      public OutputStream sendHeadersAndGetBody(int status, int contentLength) throws IOException {
        if (body != null) {
          throw new IOException("a response was sent already for this scrape");
        }
        response.setStatus(status);
        if (contentLength > 0) {
          response.getHeaders().put(HttpHeader.CONTENT_LENGTH, contentLength);
        }
        body =
            contentLength < 0
                ? OutputStream.nullOutputStream()
                : Content.Sink.asOutputStream(response);
        return body;
      }
    };
  }

  @Override
  public void handleException(IOException e) throws IOException {
    throw e; // the server's handler fails the request: Jetty answers 500 or drops the connection
  }

  @Override
  public void handleException(RuntimeException e) {
    throw e;
  }

  @Override
  public void close() {
    if (body != null) {
      try {
        body.close(); // writes the last chunk
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
