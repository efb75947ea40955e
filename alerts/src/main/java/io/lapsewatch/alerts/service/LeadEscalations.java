package io.lapsewatch.alerts.service;

import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.alerts.delivery.NotificationLog;
import io.lapsewatch.alerts.notify.DeliveryException;
import io.lapsewatch.alerts.notify.DeskNotice;
import io.lapsewatch.alerts.routing.RoutingTable;
import io.lapsewatch.alerts.routing.Target;
import io.lapsewatch.retentiondesk.CaseAction;
import io.lapsewatch.retentiondesk.CaseEvent;
import io.lapsewatch.retentiondesk.CaseLinkUrls;
import io.lapsewatch.retentiondesk.EscalationNotice;
import io.lapsewatch.retentiondesk.Escalations;
import io.lapsewatch.retentiondesk.RetentionCase;
import io.lapsewatch.retentiondesk.team.DeskUsers;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a branch lead of an escalation: a short message (masked policyholder id, action, tier,
 * deadline, case link) to the routing receiver the roles file names for the branch ({@code
 * escalation-receiver}), through that receiver's notifier. Deduplicated by the escalation event's
 * id in the notification log, so a replay or a second instance does not tell the lead twice.
 */
final class LeadEscalations implements EscalationNotice {
  private static final Logger LOG = LoggerFactory.getLogger(LeadEscalations.class);

  /** Outcomes counted by {@code lapsewatch_desk_escalation_messages_total}. */
  static final List<String> RESULTS =
      List.of("sent", "duplicate", "no_receiver", "unknown_receiver", "failed", "not_ready");

  private final Counter messages;
  private final Optional<CaseLinkUrls> links;
  private final DateTimeFormatter deadlines;
  private final AtomicReference<Parts> parts = new AtomicReference<>();

  /** What sending needs that exists only once the service's other parts are built. */
  private record Parts(DeskUsers users, NotificationLog log, Supplier<RoutingTable> routing) {}

  LeadEscalations(PrometheusRegistry registry, Optional<CaseLinkUrls> links, ZoneId zone) {
    this.links = links;
    this.deadlines = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    this.messages =
        Counter.builder()
            .name("lapsewatch_desk_escalation_messages_total")
            .help("Escalation messages to branch leads, by result (sent, duplicate, failed, ...).")
            .labelNames("result")
            .register(registry);
    RESULTS.forEach(messages::labelValues);
  }

  /** Connects the roles file's receivers, the notification log and the live routing table. */
  void attach(DeskUsers users, NotificationLog log, Supplier<RoutingTable> routing) {
    parts.set(new Parts(users, log, routing));
  }

  /**
   * Checks at start that every branch's escalation receiver is a receiver of the routing table.
   *
   * @throws IllegalArgumentException naming the branch and the receiver
   */
  static void checkReceivers(DeskUsers users, RoutingTable routing) {
    Set<String> known = new TreeSet<>();
    routing.targets().forEach(t -> known.add(t.name()));
    for (Map.Entry<String, String> e : users.escalationReceivers().entrySet()) {
      if (!known.contains(e.getValue())) {
        throw new IllegalArgumentException(
            "roles file: branch '"
                + e.getKey()
                + "' names escalation-receiver '"
                + e.getValue()
                + "', which the routing table does not define; receivers: "
                + known);
      }
    }
  }

  @Override
  public boolean escalated(RetentionCase before, RetentionCase after, CaseEvent escalation) {
    Parts p = parts.get();
    if (p == null) {
      count("not_ready", escalation, "the service is still starting");
      return false;
    }
    String branch = before.branch();
    Optional<String> receiver = p.users().escalationReceiver(branch);
    if (receiver.isEmpty()) {
      // No route for this branch's lead: the step shows on the pages and in the metrics only.
      messages.labelValues("no_receiver").inc();
      LOG.info(
          "escalation {} of case {}: branch {} names no escalation-receiver; not messaged",
          escalation.eventId(),
          after.caseId(),
          branch);
      return true;
    }
    Optional<Target> target =
        p.routing().get().targets().stream()
            .filter(t -> t.name().equals(receiver.get()))
            .findFirst();
    if (target.isEmpty()) {
      count(
          "unknown_receiver",
          escalation,
          "receiver '" + receiver.get() + "' of branch " + branch + " is not in the routing table");
      // A routing reload may bring it back within the re-offer window.
      return false;
    }
    return send(p.log(), target.get(), notice(before, after, escalation), after);
  }

  /** True when sent now or before; false when it failed (the desk offers it again later). */
  private boolean send(NotificationLog log, Target target, DeskNotice notice, RetentionCase c) {
    String id = notice.id();
    // Before the claim, as for alerts: an erasure of the policyholder finds this entry too.
    log.track(c.policyholderId(), id, List.of(target.name()));
    NotificationLog.Claim claim = log.claim(id, target.name());
    if (claim == NotificationLog.Claim.ALREADY_SENT) {
      messages.labelValues("duplicate").inc();
      return true;
    }
    if (claim == NotificationLog.Claim.IN_FLIGHT) {
      // Another process is sending it; if it dies, its claim expires and a later offer sends it.
      return false;
    }
    try {
      target.notifier().deliverNotice(notice);
      log.markSent(id, target.name());
      messages.labelValues("sent").inc();
      return true;
    } catch (DeliveryException e) {
      log.release(id, target.name());
      count("failed", null, "escalation " + id + " to " + target.name() + ": " + e.getMessage());
      // A permanent refusal (a revoked webhook, a channel without notices) will not heal by
      // itself: stop offering it; a transient one is offered again on a later scan.
      return e.permanent();
    } catch (InterruptedException e) {
      log.release(id, target.name());
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void count(String result, CaseEvent escalation, String why) {
    messages.labelValues(result).inc();
    LOG.error(
        "escalation message not sent ({}){}: {}",
        result,
        escalation == null ? "" : " for " + escalation.eventId(),
        why);
  }

  /** The message: ids masked, the case link with its signed token (the lead opens the case). */
  DeskNotice notice(RetentionCase before, RetentionCase after, CaseEvent escalation) {
    int level = escalation.level();
    String title =
        level == 1
            ? "⚠ 客户未联系，升级至主管 (L1) / Escalation L1: not contacted in time"
            : "⚠ 仍未联系，转交资深团队 (L2) / Escalation L2: moved to the senior pool";
    Tier tier = Escalations.tierOf(after);
    List<DeskNotice.Fact> facts =
        List.of(
            new DeskNotice.Fact("客户 Policyholder", after.maskedPolicyholderId()),
            new DeskNotice.Fact("任务 Action", action(after.action())),
            new DeskNotice.Fact(
                "等级 Tier", tier == Tier.HIGH_VALUE ? "高价值 high value" : "标准 standard"),
            new DeskNotice.Fact("截止 Deadline", deadlines.format(after.deadline())),
            new DeskNotice.Fact(
                "负责人 Owner", before.owner() + (level == 2 ? " → " + after.owner() : "")));
    String why =
        level == 1
            ? "未在服务时限内联系客户 / nobody reached the policyholder within the tier's service level"
            : "通知主管后仍未联系 / still not contacted after the branch lead was told";
    String todo =
        level == 1
            ? "请今天联系客户或转派 / Call the policyholder or reassign the case today"
            : "资深团队已接手；请交接情况 / The senior pool owns it now; hand over what you know";
    return new DeskNotice(
        escalation.eventId(),
        title,
        why,
        facts,
        todo,
        links.map(l -> l.forCase(after.caseId(), after.deadline())));
  }

  private static String action(CaseAction a) {
    return a == CaseAction.CALLBACK_TASK ? "回访 callback" : "续保优惠 renewal offer";
  }
}
