package io.lapsewatch.retentiondesk.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Everything under {@code /desk/}: the stylesheet, the case pages ({@code /desk/cases/...}) and the
 * team pages ({@code /desk/team...}, {@code /desk/login...}, {@code /desk/logout}). The host server
 * mounts this one handler on the prefix {@value #PREFIX}.
 */
public final class DeskRoutes extends Handler.Abstract {
  /** The path prefix every desk page lives under. */
  public static final String PREFIX = "/desk/";

  private final String stylesheet = resource("desk.css");
  private final Handler casePages;
  private final Handler teamPages;

  /**
   * @param casePages answers {@code /desk/cases/...}
   * @param teamPages answers {@code /desk/team...}, {@code /desk/login...} and {@code /desk/logout}
   */
  public DeskRoutes(Handler casePages, Handler teamPages) {
    this.casePages = casePages;
    this.teamPages = teamPages;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    if (path.equals(Html.STYLESHEET)) {
      response.getHeaders().put("Cache-Control", "max-age=3600");
      PageReplies.send(response, callback, 200, "text/css; charset=utf-8", stylesheet);
      return true;
    }
    if (path.startsWith("/desk/cases/")) {
      return casePages.handle(request, response, callback);
    }
    if (path.startsWith("/desk/team")
        || path.startsWith("/desk/login")
        || path.equals("/desk/logout")) {
      return teamPages.handle(request, response, callback);
    }
    PageReplies.refuse(response, callback, 404, Lang.of(request, null), "页面不存在", "Not found");
    return true;
  }

  private static String resource(String name) {
    try (InputStream in = DeskRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
