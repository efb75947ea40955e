package io.lapsewatch.retentiondesk.web;

import io.lapsewatch.retentiondesk.CaseTransitionException;
import io.lapsewatch.retentiondesk.RetentionCase;
import io.lapsewatch.retentiondesk.RetentionDesk;
import io.lapsewatch.retentiondesk.RetentionDeskConfig;
import io.lapsewatch.retentiondesk.team.Access;
import io.lapsewatch.retentiondesk.team.DeskUser;
import io.lapsewatch.retentiondesk.team.DeskUsers;
import io.lapsewatch.retentiondesk.team.LoginLinks;
import io.lapsewatch.retentiondesk.team.Sessions;
import io.lapsewatch.retentiondesk.team.Worklist;
import io.lapsewatch.retentiondesk.team.WorklistCsv;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The team pages: sign-in (token form, signed login links, sign-out), the branch worklist ({@code
 * /desk/team}), reassignment and the CSV export ({@code /desk/team.csv}). Who sees what is decided
 * by {@link Access}; the page only asks it.
 */
public final class TeamPages extends Handler.Abstract {
  private final java.time.ZoneId zone;
  private static final Logger LOG = LoggerFactory.getLogger(TeamPages.class);

  /** How long a rendered form (login, reassign, sign-out) may be posted. */
  static final Duration FORM_LIFETIME = Duration.ofHours(2);

  /** Finished cases stay on the worklist and in the export while their deadline is this recent. */
  public static final Duration FINISHED_SHOWN_FOR = Duration.ofDays(30);

  private static final String LOGIN_SUBJECT = "login";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RetentionDesk desk;
  private final DeskUsers users;
  private final Access access;
  private final Sessions sessions;
  private final LoginLinks loginLinks;
  private final FormGuard forms;
  private final boolean secureCookie;
  private final Clock clock;

  /**
   * @param desk the desk whose cases and roles file ({@link RetentionDesk#users()}) the pages use
   * @param config for the link secret (signs sessions, login links and forms), the public URL
   *     (https makes the session cookie {@code Secure}) and the senior pool
   */
  public TeamPages(RetentionDesk desk, RetentionDeskConfig config, Clock clock) {
    byte[] secret = config.requireLinkSecret();
    this.desk = desk;
    this.users = desk.users();
    this.access = new Access(users, config.seniorPool());
    this.zone = config.timeZone();
    this.sessions = new Sessions(secret, clock);
    this.loginLinks = new LoginLinks(secret, clock);
    this.forms = new FormGuard(secret, FORM_LIFETIME, clock);
    this.secureCookie = "https".equals(config.publicUrl().getScheme());
    this.clock = clock;
  }

  /** Makes login links to send to users (path and query; prefix the desk's public URL). */
  public LoginLinks loginLinks() {
    return loginLinks;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    Fields query = Request.extractQueryParameters(request);
    Lang lang = Lang.of(request, query.getValue(Lang.PARAM));
    boolean post = HttpMethod.POST.is(request.getMethod());
    boolean get = HttpMethod.GET.is(request.getMethod());
    switch (path) {
      case "/desk/login" -> {
        if (get) {
          loginForm(response, callback, lang, 200, null);
        } else if (post) {
          login(request, response, callback, lang);
        } else {
          notAllowed(response, callback, lang);
        }
      }
      case LoginLinks.PATH -> {
        if (get) {
          loginLink(query, response, callback, lang);
        } else {
          notAllowed(response, callback, lang);
        }
      }
      case "/desk/logout" -> {
        if (post) {
          logout(request, response, callback, lang);
        } else {
          notAllowed(response, callback, lang);
        }
      }
      case "/desk/team", "/desk/team.csv" -> {
        if (get) {
          worklist(request, query, response, callback, lang, path.endsWith(".csv"));
        } else {
          notAllowed(response, callback, lang);
        }
      }
      case "/desk/team/reassign" -> {
        if (post) {
          reassign(request, response, callback, lang);
        } else {
          notAllowed(response, callback, lang);
        }
      }
      default -> PageReplies.refuse(response, callback, 404, lang, "页面不存在", "Not found");
    }
    return true;
  }

  // ---- sign-in ----

  private void loginForm(
      Response response, Callback callback, Lang lang, int status, String error) {
    String body =
        "<main><h1>"
            + lang.pick("团队工作台登录", "Sign in to the team desk")
            + "</h1>"
            + (error == null ? "" : "<p class=\"notice refused\">" + Html.escape(error) + "</p>")
            + "<form method=\"post\" action=\"/desk/login?lang="
            + lang.tag()
            + "\" class=\"card result\"><label for=\"token\">"
            + lang.pick("登录令牌", "Login token")
            + "</label><input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\""
            + " required><input type=\"hidden\" name=\""
            + FormGuard.FIELD
            + "\" value=\""
            + Html.escape(forms.token(LOGIN_SUBJECT))
            + "\"><button type=\"submit\">"
            + lang.pick("登录", "Sign in")
            + "</button></form></main>";
    PageReplies.html(response, callback, status, Html.page(lang, lang.pick("登录", "Sign in"), body));
  }

  private void login(Request request, Response response, Callback callback, Lang lang)
      throws Exception {
    Optional<Map<String, String>> form = FormPost.read(request);
    if (form.isEmpty() || !forms.accepts(request, LOGIN_SUBJECT, form.get().get(FormGuard.FIELD))) {
      PageReplies.refuse(
          response,
          callback,
          403,
          lang,
          "表单已过期，请重新打开登录页",
          "The form expired; open the sign-in page again");
      return;
    }
    String token = form.get().get("token");
    Optional<DeskUser> user =
        token == null || token.isEmpty() ? Optional.empty() : users.byToken(token);
    if (user.isEmpty()) {
      // No hint which part was wrong, and never the token in a log.
      LOG.info("team pages: a sign-in with an unknown token was refused");
      loginForm(response, callback, lang, 403, lang.pick("令牌无效", "Unknown token"));
      return;
    }
    signIn(user.get(), response, callback, lang);
  }

  private void loginLink(Fields query, Response response, Callback callback, Lang lang) {
    String userId = query.getValue("u");
    LoginLinks.Verdict verdict =
        loginLinks.check(userId, query.getValue("exp"), query.getValue("sig"));
    Optional<DeskUser> user = users.user(userId);
    if (verdict != LoginLinks.Verdict.VALID || user.isEmpty()) {
      LOG.info("team pages: a login link was refused ({})", verdict);
      PageReplies.refuse(
          response,
          callback,
          403,
          lang,
          verdict == LoginLinks.Verdict.EXPIRED ? "登录链接已过期" : "登录链接无效",
          verdict == LoginLinks.Verdict.EXPIRED
              ? "This login link has expired"
              : "This login link is not valid");
      return;
    }
    signIn(user.get(), response, callback, lang);
  }

  private void signIn(DeskUser user, Response response, Callback callback, Lang lang) {
    LOG.info("team pages: {} signed in", user);
    response
        .getHeaders()
        .add(HttpHeader.SET_COOKIE, cookie(sessions.open(user.id()), Sessions.LIFETIME));
    PageReplies.seeOther(response, callback, "/desk/team?lang=" + lang.tag());
  }

  private String cookie(String value, Duration maxAge) {
    return Sessions.COOKIE
        + "="
        + value
        + "; Max-Age="
        + maxAge.toSeconds()
        + "; Path=/desk/; HttpOnly; SameSite=Strict"
        + (secureCookie ? "; Secure" : "");
  }

  private void logout(Request request, Response response, Callback callback, Lang lang)
      throws Exception {
    Optional<DeskUser> user = signedIn(request);
    Optional<Map<String, String>> form = FormPost.read(request);
    if (user.isPresent()
        && (form.isEmpty()
            || !forms.accepts(request, user.get().id(), form.get().get(FormGuard.FIELD)))) {
      PageReplies.refuse(response, callback, 403, lang, "表单已过期", "The form expired");
      return;
    }
    response.getHeaders().add(HttpHeader.SET_COOKIE, cookie("", Duration.ZERO));
    PageReplies.seeOther(response, callback, "/desk/login?lang=" + lang.tag());
  }

  /** The signed-in user: a genuine, unexpired session of a user still in the roles file. */
  private Optional<DeskUser> signedIn(Request request) {
    List<HttpCookie> cookies = Request.getCookies(request);
    for (HttpCookie c : cookies) {
      if (c.getName().equals(Sessions.COOKIE)) {
        Optional<DeskUser> u = sessions.userOf(c.getValue()).flatMap(users::user);
        if (u.isPresent()) {
          return u;
        }
      }
    }
    return Optional.empty();
  }

  // ---- worklist ----

  private void worklist(
      Request request, Fields query, Response response, Callback callback, Lang lang, boolean csv) {
    Optional<DeskUser> signedIn = signedIn(request);
    if (signedIn.isEmpty()) {
      PageReplies.seeOther(response, callback, "/desk/login?lang=" + lang.tag());
      return;
    }
    DeskUser user = signedIn.get();
    Optional<String> branch = access.branchFor(user, query.getValue("branch"));
    if (branch.isEmpty()) {
      PageReplies.refuse(response, callback, 403, lang, "无权查看该分支", "You may not see this branch");
      return;
    }
    Worklist.Filter filter;
    try {
      String agent = query.getValue("agent");
      filter =
          new Worklist.Filter(
              agent == null || agent.isEmpty() ? null : agent,
              Worklist.StatusFilter.parse(query.getValue("status")).orElse(null));
    } catch (IllegalArgumentException e) {
      PageReplies.refuse(response, callback, 400, lang, "筛选条件无效", e.getMessage());
      return;
    }
    // Every unfinished case, however late, and the finished ones of the recent past: the list
    // stays the size of the branch's current work instead of growing with its history.
    Set<String> ids = new LinkedHashSet<>(desk.cases().openCasesOfBranch(branch.get()));
    ids.addAll(
        desk.cases()
            .casesOfBranchDueSince(
                branch.get(), clock.instant().minus(FINISHED_SHOWN_FOR).toEpochMilli()));
    List<RetentionCase> cases = new ArrayList<>();
    for (String id : ids) {
      desk.find(id).ifPresent(cases::add);
    }
    List<RetentionCase> rows = Worklist.rows(cases, user, access, filter);
    if (csv) {
      response
          .getHeaders()
          .put("Content-Disposition", "attachment; filename=\"worklist-" + branch.get() + ".csv\"");
      PageReplies.send(
          response,
          callback,
          200,
          "text/csv; charset=utf-8",
          WorklistCsv.write(rows, clock.instant()));
      return;
    }
    String body =
        new WorklistView(
                user, branch.get(), filter, lang, clock.instant(), users, access, forms, zone)
            .render(rows, this::requestId);
    PageReplies.html(
        response, callback, 200, Html.page(lang, lang.pick("团队工作清单", "Team worklist"), body));
  }

  private String requestId() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return "rq-" + HexFormat.of().formatHex(b);
  }

  // ---- reassignment ----

  private void reassign(Request request, Response response, Callback callback, Lang lang)
      throws Exception {
    Optional<DeskUser> signedIn = signedIn(request);
    if (signedIn.isEmpty()) {
      PageReplies.refuse(response, callback, 403, lang, "请先登录", "Sign in first");
      return;
    }
    DeskUser user = signedIn.get();
    Optional<Map<String, String>> form = FormPost.read(request);
    if (form.isEmpty() || !forms.accepts(request, user.id(), form.get().get(FormGuard.FIELD))) {
      PageReplies.refuse(
          response, callback, 403, lang, "表单已过期，请刷新页面", "The form expired; reload the page");
      return;
    }
    Map<String, String> f = form.get();
    String caseId = f.get("caseId");
    String owner = f.get("owner");
    Optional<RetentionCase> c = caseId == null ? Optional.empty() : desk.find(caseId);
    if (c.isEmpty()) {
      PageReplies.refuse(response, callback, 404, lang, "案件不存在", "No such case");
      return;
    }
    if (owner == null || !access.mayReassign(user, c.get(), owner)) {
      PageReplies.refuse(
          response, callback, 403, lang, "无权转派该案件", "You may not reassign this case");
      return;
    }
    String back = c.get().branch();
    try {
      desk.reassign(caseId, owner, user.id(), f.get("requestId"));
    } catch (CaseTransitionException e) {
      PageReplies.refuse(
          response, callback, 409, lang, "案件状态已变化，请刷新", "The case changed; reload the page");
      return;
    } catch (IllegalArgumentException e) {
      PageReplies.refuse(response, callback, 400, lang, "请求无效", "Bad request: " + e.getMessage());
      return;
    } catch (TimeoutException e) {
      PageReplies.refuse(
          response, callback, 503, lang, "系统繁忙，请稍后重试", "The desk is busy; try again");
      return;
    }
    LOG.info("team pages: {} reassigned case {} to {}", user, caseId, owner);
    PageReplies.seeOther(response, callback, "/desk/team?branch=" + back + "&lang=" + lang.tag());
  }

  private void notAllowed(Response response, Callback callback, Lang lang) {
    PageReplies.refuse(response, callback, 405, lang, "不支持该请求方法", "Method not allowed");
  }
}
