package io.lapsewatch.retentiondesk.web;

import io.lapsewatch.retentiondesk.RetentionDesk;
import io.lapsewatch.retentiondesk.RetentionDeskConfig;
import java.time.Clock;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Builds the desk's pages for a host server to mount on {@link DeskRoutes#PREFIX}. */
public final class DeskWeb {
  private DeskWeb() {}

  /** The handler of everything under {@code /desk/} for {@code desk}. */
  public static DeskRoutes routes(RetentionDesk desk, RetentionDeskConfig config, Clock clock) {
    // TODO(merge): the case pages (CasePages) and team pages (TeamPages) replace these.
    Handler placeholder = new NotBuiltYet();
    return new DeskRoutes(placeholder, placeholder);
  }

  /** Answers 503 until the pages exist. */
  private static final class NotBuiltYet extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      PageReplies.refuse(
          response, callback, 503, Lang.of(request, null), "页面尚未上线", "not built yet");
      return true;
    }
  }
}
