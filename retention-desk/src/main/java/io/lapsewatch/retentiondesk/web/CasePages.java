package io.lapsewatch.retentiondesk.web;

import io.lapsewatch.featurestore.events.Ids;
import io.lapsewatch.retentiondesk.CaseDesk;
import io.lapsewatch.retentiondesk.CaseLinks;
import io.lapsewatch.retentiondesk.CaseTransitionException;
import io.lapsewatch.retentiondesk.RecordedResult;
import io.lapsewatch.retentiondesk.RetentionCase;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The case page an agent opens from the signed link in a message: {@code GET
 * /desk/cases/{caseId}?t={token}} shows the case, {@code POST /desk/cases/{caseId}} records a
 * result and answers 303 back to the page. The link's token is checked before anything else, so a
 * forged link learns nothing, not even whether the case exists; a post needs the still-valid link
 * token, a form token for this case and no cross-site signal ({@link FormGuard}).
 */
public final class CasePages extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(CasePages.class);

  /** Name of the query parameter and hidden form field holding the case link's token. */
  public static final String LINK_TOKEN = "t";

  /** Query parameter set on the redirect after a recorded result (the page shows a notice). */
  static final String DONE = "done";

  private static final String PATH = "/desk/cases/";

  private final CaseDesk desk;
  private final CaseLinks links;
  private final FormGuard formGuard;
  private final CasePageView view;
  private final ZoneId zone;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param desk finds cases and records results (the {@code RetentionDesk})
   * @param links checks the token of a case link
   * @param formGuard signs and checks the result form
   * @param zone the zone times are shown and entered in ({@code desk.time-zone})
   */
  public CasePages(CaseDesk desk, CaseLinks links, FormGuard formGuard, ZoneId zone, Clock clock) {
    this.desk = desk;
    this.links = links;
    this.formGuard = formGuard;
    this.view = new CasePageView(zone);
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    Fields query = Request.extractQueryParameters(request);
    Lang lang = Lang.of(request, query.getValue(Lang.PARAM));
    String caseId = path.startsWith(PATH) ? path.substring(PATH.length()) : "";
    if (!Ids.isValid(caseId)) {
      notFound(response, callback, lang);
      return true;
    }
    switch (request.getMethod()) {
      case "GET", "HEAD" -> show(caseId, query, lang, response, callback);
      case "POST" -> record(caseId, request, lang, response, callback);
      default -> {
        response.getHeaders().put("Allow", "GET, HEAD, POST");
        PageReplies.refuse(response, callback, 405, lang, "不支持该请求", "Method not allowed");
      }
    }
    return true;
  }

  private void show(String caseId, Fields query, Lang lang, Response response, Callback callback) {
    String token = query.getValue(LINK_TOKEN);
    if (!linkOpens(caseId, token, lang, response, callback)) {
      return;
    }
    Optional<RetentionCase> c = desk.find(caseId);
    if (c.isEmpty()) {
      notFound(response, callback, lang);
      return;
    }
    CasePageView.FormTokens form =
        new CasePageView.FormTokens(token, formGuard.token(caseId), newRequestId());
    boolean recorded = "1".equals(query.getValue(DONE));
    PageReplies.html(
        response, callback, 200, view.render(c.get(), lang, clock.instant(), form, recorded));
  }

  private void record(
      String caseId, Request request, Lang queryLang, Response response, Callback callback)
      throws Exception {
    Optional<Map<String, String>> posted = FormPost.read(request);
    if (posted.isEmpty()) {
      PageReplies.refuse(
          response, callback, 400, queryLang, "表单无法读取", "The form could not be read");
      return;
    }
    Map<String, String> fields = posted.get();
    Lang lang = Lang.of(request, fields.getOrDefault(Lang.PARAM, queryLang.tag()));
    String token = fields.get(LINK_TOKEN);
    if (!linkOpens(caseId, token, lang, response, callback)) {
      return;
    }
    if (!formGuard.accepts(request, caseId, fields.get(FormGuard.FIELD))) {
      PageReplies.refuse(
          response,
          callback,
          403,
          lang,
          "表单已失效或来自其他网站，请重新打开链接",
          "This form has expired or came from another site; open the link again");
      return;
    }
    ResultForm form;
    try {
      form = ResultForm.parse(fields, zone);
    } catch (ResultForm.BadField e) {
      badField(response, callback, lang, e.field(), e.getMessage());
      return;
    }
    Optional<RetentionCase> c = desk.find(caseId);
    if (c.isEmpty()) {
      notFound(response, callback, lang);
      return;
    }
    try {
      // The link went to the case's owner: whoever holds it acts as the owner.
      RecordedResult r =
          desk.recordResult(
              caseId,
              form.result(),
              c.get().owner(),
              form.note(),
              form.nextAttemptAt(),
              form.contactedAt(),
              form.requestId());
      LOG.info(
          "case page: {} {} on case {}{}",
          r.repeated() ? "repeated" : "recorded",
          form.result(),
          caseId,
          r.repeated() ? " (nothing written)" : "");
    } catch (CaseTransitionException e) {
      refused(response, callback, lang, e);
      return;
    } catch (IllegalArgumentException e) {
      // The desk's own checks (contact time, note) name the field first in their message.
      String message = String.valueOf(e.getMessage());
      badField(response, callback, lang, message.split(" ", 2)[0], message);
      return;
    } catch (TimeoutException e) {
      LOG.warn("case page: result on case {} timed out: {}", caseId, e.getMessage());
      PageReplies.refuse(
          response,
          callback,
          503,
          lang,
          "系统繁忙，结果未记录，请稍后重试",
          "The desk is busy; nothing was recorded. Please try again shortly");
      return;
    }
    PageReplies.seeOther(
        response, callback, CasePageView.url(caseId, token, lang) + "&" + DONE + "=1");
  }

  /** Answers 403 unless {@code token} is a valid link to {@code caseId}; true when it is. */
  private boolean linkOpens(
      String caseId, String token, Lang lang, Response response, Callback callback) {
    switch (links.check(caseId, token)) {
      case VALID:
        return true;
      case EXPIRED:
        PageReplies.refuse(
            response,
            callback,
            403,
            lang,
            "链接已过期，请联系您的团队主管",
            "This link has expired; ask your team lead");
        return false;
      default:
        PageReplies.refuse(response, callback, 403, lang, "链接无效", "This link is not valid");
        return false;
    }
  }

  private static void refused(
      Response response, Callback callback, Lang lang, CaseTransitionException e) {
    String code = e.reasonCode();
    if (CaseTransitionException.NO_CASE.equals(code)) {
      notFound(response, callback, lang);
      return;
    }
    String zh;
    String en;
    switch (code) {
      case CaseTransitionException.CASE_CLOSED -> {
        zh = "该任务已结案，无法再记录结果";
        en = "This case is already closed; no further result can be recorded";
      }
      case CaseTransitionException.CASE_ERASED -> {
        zh = "该客户的个人信息已删除，任务不可再更改";
        en = "This policyholder's data was erased; the case can no longer change";
      }
      case CaseTransitionException.NEXT_ATTEMPT_ON_CLOSE -> {
        zh = "该结果会结案，不能再安排下次联系；请清空下次联系时间";
        en = "This result closes the case, so no next attempt can be planned; clear that time";
      }
      default -> {
        zh = "该结果与任务当前状态冲突";
        en = "This result conflicts with the case as it stands";
      }
    }
    PageReplies.refuse(response, callback, 409, lang, zh, en);
  }

  private static void badField(
      Response response, Callback callback, Lang lang, String field, String message) {
    PageReplies.refuse(
        response,
        callback,
        400,
        lang,
        "字段 " + field + " 无效：" + message,
        "Field " + field + " is not valid: " + message);
  }

  private static void notFound(Response response, Callback callback, Lang lang) {
    PageReplies.refuse(response, callback, 404, lang, "任务不存在", "No such case");
  }

  private String newRequestId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return "page-" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
