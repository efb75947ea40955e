package io.lapsewatch.retentiondesk.web;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Stands in for the team pages in the case page's tests: answers nothing (Jetty's 404). */
final class TestingTeamPages extends Handler.Abstract {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    return false;
  }
}
