package io.lapsewatch.retentiondesk.web;

import io.lapsewatch.retentiondesk.RetentionCase;
import io.lapsewatch.retentiondesk.team.Access;
import io.lapsewatch.retentiondesk.team.DeskUser;
import io.lapsewatch.retentiondesk.team.DeskUsers;
import io.lapsewatch.retentiondesk.team.Role;
import io.lapsewatch.retentiondesk.team.Worklist;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;

/** The HTML of a branch's worklist for one signed-in user: filters, table, reassign forms. */
final class WorklistView {
  private final DateTimeFormatter deadlines;

  private final DeskUser user;
  private final String branch;
  private final Worklist.Filter filter;
  private final Lang lang;
  private final Instant now;
  private final DeskUsers users;
  private final Access access;
  private final FormGuard forms;

  WorklistView(
      DeskUser user,
      String branch,
      Worklist.Filter filter,
      Lang lang,
      Instant now,
      DeskUsers users,
      Access access,
      FormGuard forms,
      ZoneId zone) {
    // The desk's zone, as on the case page: leads and agents read the same deadline.
    this.deadlines = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    this.user = user;
    this.branch = branch;
    this.filter = filter;
    this.lang = lang;
    this.now = now;
    this.users = users;
    this.access = access;
    this.forms = forms;
  }

  String render(List<RetentionCase> rows, Supplier<String> requestIds) {
    StringBuilder b = new StringBuilder("<main class=\"wide\">");
    b.append("<nav class=\"lang\"><a href=\"/desk/team?")
        .append(query(lang == Lang.EN ? Lang.ZH_CN : Lang.EN))
        .append("\">")
        .append(lang.pick("English", "中文"))
        .append("</a></nav>");
    b.append("<h1>")
        .append(lang.pick("工作清单 · ", "Worklist · "))
        .append(Html.escape(branch))
        .append("</h1>");
    b.append("<p>")
        .append(Html.escape(user.id()))
        .append(" (")
        .append(Html.escape(user.role().fileName()))
        .append(")</p>");
    b.append("<form method=\"post\" action=\"/desk/logout?lang=")
        .append(lang.tag())
        .append("\">")
        .append(csrf())
        .append("<button type=\"submit\" class=\"secondary\">")
        .append(lang.pick("退出登录", "Sign out"))
        .append("</button></form>");
    filters(b);
    b.append("<p><a class=\"button\" href=\"/desk/team.csv?")
        .append(query(lang))
        .append("\">")
        .append(lang.pick("导出 CSV", "Export CSV"))
        .append("</a></p>");
    table(b, rows, requestIds);
    return b.append("</main>").toString();
  }

  private void filters(StringBuilder b) {
    b.append("<form method=\"get\" action=\"/desk/team\" class=\"filters\">")
        .append("<input type=\"hidden\" name=\"lang\" value=\"")
        .append(lang.tag())
        .append("\">");
    if (user.role() == Role.ADMIN) {
      b.append("<label>").append(lang.pick("分支", "Branch")).append("<select name=\"branch\">");
      for (String br : users.branches()) {
        option(b, br, br, br.equals(branch));
      }
      b.append("</select></label>");
    } else {
      b.append("<input type=\"hidden\" name=\"branch\" value=\"")
          .append(Html.escape(branch))
          .append("\">");
    }
    if (user.role() != Role.AGENT) {
      b.append("<label>").append(lang.pick("坐席", "Agent")).append("<select name=\"agent\">");
      option(b, "", lang.pick("全部", "all"), filter.agent() == null);
      for (String owner : access.ownersFor(user, branch)) {
        option(b, owner, owner, owner.equals(filter.agent()));
      }
      b.append("</select></label>");
    }
    b.append("<label>").append(lang.pick("状态", "Status")).append("<select name=\"status\">");
    option(b, "", lang.pick("全部", "all"), filter.status() == null);
    for (Worklist.StatusFilter s : Worklist.StatusFilter.values()) {
      option(b, s.name(), s.name(), s == filter.status());
    }
    b.append("</select></label><button type=\"submit\">")
        .append(lang.pick("筛选", "Filter"))
        .append("</button></form>");
  }

  private void table(StringBuilder b, List<RetentionCase> rows, Supplier<String> requestIds) {
    if (rows.isEmpty()) {
      b.append("<p class=\"notice\">").append(lang.pick("没有案件", "No cases")).append("</p>");
      return;
    }
    b.append("<div class=\"table-scroll\"><table><thead><tr><th>")
        .append(lang.pick("截止", "Deadline"))
        .append("</th><th>")
        .append(lang.pick("行动", "Action"))
        .append("</th><th>")
        .append(lang.pick("投保人", "Policyholder"))
        .append("</th><th>")
        .append(lang.pick("层级", "Tier"))
        .append("</th><th>")
        .append(lang.pick("负责人", "Owner"))
        .append("</th><th>")
        .append(lang.pick("状态", "Status"))
        .append("</th>");
    boolean reassigning = user.role() != Role.AGENT;
    if (reassigning) {
      b.append("<th>").append(lang.pick("转派", "Reassign")).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    for (RetentionCase c : rows) {
      boolean overdue = c.isOverdue(now);
      b.append("<tr data-case=\"")
          .append(Html.escape(c.caseId()))
          .append("\"")
          .append(overdue ? " class=\"overdue\"" : c.isFinished() ? " class=\"closed\"" : "")
          .append("><td>")
          .append(deadlines.format(c.deadline()));
      if (overdue) {
        b.append(" <span class=\"badge overdue\">")
            .append(lang.pick("已逾期", "overdue"))
            .append("</span>");
      }
      b.append("</td><td>")
          .append(CaseWords.action(c.action(), lang))
          .append("</td><td>")
          .append(Html.escape(c.maskedPolicyholderId()))
          .append("</td><td>")
          .append(c.brief() == null ? "" : CaseWords.tier(c.brief().tier(), lang))
          .append("</td><td>")
          .append(Html.escape(c.owner()))
          .append("</td><td>")
          .append(CaseWords.status(c.status(), lang));
      if (c.escalationLevel() > 0) {
        b.append(" <span class=\"badge escalated\" data-escalation=\"")
            .append(c.escalationLevel())
            .append("\">")
            .append(lang.pick("已升级 L", "escalated L"))
            .append(c.escalationLevel())
            .append("</span>");
      }
      if (c.resolution() != null) {
        b.append(" · ").append(CaseWords.resolution(c.resolution(), lang));
      }
      if (c.lastResult() != null) {
        b.append("<br>")
            .append(lang.pick("最近结果：", "last result: "))
            .append(CaseWords.result(c.lastResult(), lang));
      }
      b.append("</td>");
      if (reassigning) {
        b.append("<td>");
        if (!c.isFinished()) {
          reassignForm(b, c, requestIds.get());
        }
        b.append("</td>");
      }
      b.append("</tr>");
    }
    b.append("</tbody></table></div>");
  }

  private void reassignForm(StringBuilder b, RetentionCase c, String requestId) {
    b.append("<form class=\"reassign\" method=\"post\" action=\"/desk/team/reassign?lang=")
        .append(lang.tag())
        .append("\"><input type=\"hidden\" name=\"caseId\" value=\"")
        .append(Html.escape(c.caseId()))
        .append("\"><input type=\"hidden\" name=\"requestId\" value=\"")
        .append(requestId)
        .append("\">")
        .append(csrf())
        .append("<select name=\"owner\" aria-label=\"")
        .append(lang.pick("新负责人", "New owner"))
        .append("\">");
    for (String owner : access.ownersFor(user, c.branch())) {
      if (!owner.equals(c.owner())) {
        option(b, owner, owner, false);
      }
    }
    b.append("</select><button type=\"submit\" class=\"secondary\">")
        .append(lang.pick("转派", "Reassign"))
        .append("</button></form>");
  }

  private String csrf() {
    return "<input type=\"hidden\" name=\""
        + FormGuard.FIELD
        + "\" value=\""
        + Html.escape(forms.token(user.id()))
        + "\">";
  }

  private static void option(StringBuilder b, String value, String text, boolean selected) {
    b.append("<option value=\"")
        .append(Html.escape(value))
        .append("\"")
        .append(selected ? " selected" : "")
        .append(">")
        .append(Html.escape(text))
        .append("</option>");
  }

  /** The current filters as a query string, in {@code l}. */
  private String query(Lang l) {
    StringBuilder q = new StringBuilder("branch=").append(enc(branch));
    if (filter.agent() != null) {
      q.append("&amp;agent=").append(enc(filter.agent()));
    }
    if (filter.status() != null) {
      q.append("&amp;status=").append(filter.status().name());
    }
    return q.append("&amp;lang=").append(l.tag()).toString();
  }

  private static String enc(String s) {
    return Html.escape(URLEncoder.encode(s, StandardCharsets.UTF_8));
  }
}
