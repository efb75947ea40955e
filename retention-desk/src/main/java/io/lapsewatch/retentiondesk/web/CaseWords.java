package io.lapsewatch.retentiondesk.web;

import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.retentiondesk.CaseAction;
import io.lapsewatch.retentiondesk.CaseEventKind;
import io.lapsewatch.retentiondesk.CaseStatus;
import io.lapsewatch.retentiondesk.Resolution;
import io.lapsewatch.retentiondesk.ResultKind;

/** The desk's domain words as an agent reads them, in Chinese and English. */
public final class CaseWords {
  private CaseWords() {}

  /** What the case asks of its owner. */
  public static String action(CaseAction action, Lang lang) {
    return action == CaseAction.CALLBACK_TASK
        ? lang.pick("回访客户", "Callback task")
        : lang.pick("续保优惠", "Renewal offer");
  }

  /** The policyholder's value tier. */
  public static String tier(Tier tier, Lang lang) {
    return tier == Tier.HIGH_VALUE ? lang.pick("高价值", "High value") : lang.pick("普通", "Standard");
  }

  /** The lapse-risk band. */
  public static String band(RiskBand band, Lang lang) {
    return switch (band) {
      case CRITICAL -> lang.pick("极高", "Critical");
      case HIGH -> lang.pick("高", "High");
      case MEDIUM -> lang.pick("中", "Medium");
      case LOW -> lang.pick("低", "Low");
    };
  }

  /** Where the case stands. */
  public static String status(CaseStatus status, Lang lang) {
    return switch (status) {
      case OPEN -> lang.pick("待联系", "Open");
      case CONTACTED -> lang.pick("已联系", "Contacted");
      case CLOSED -> lang.pick("已结案", "Closed");
      case ERASED -> lang.pick("已删除个人信息", "Erased");
    };
  }

  /** How a closed case ended. */
  public static String resolution(Resolution resolution, Lang lang) {
    return switch (resolution) {
      case ACCEPTED -> lang.pick("接受续保", "Accepted");
      case DECLINED -> lang.pick("拒绝", "Declined");
      case UNREACHABLE -> lang.pick("联系不上", "Unreachable");
      case EXPIRED -> lang.pick("已过期", "Expired");
    };
  }

  /** A result, as its button says it. */
  public static String result(ResultKind result, Lang lang) {
    return switch (result) {
      case REACHED -> lang.pick("已联系上", "Reached");
      case ACCEPTED -> lang.pick("接受方案", "Offer accepted");
      case DECLINED -> lang.pick("拒绝", "Declined");
      case UNREACHABLE -> lang.pick("联系不上", "Unreachable");
      case WRONG_CONTACT -> lang.pick("联系方式有误", "Wrong contact");
    };
  }

  /** A change in the case's history. */
  public static String event(CaseEventKind kind, Lang lang) {
    return switch (kind) {
      case OPENED -> lang.pick("创建", "Opened");
      case RESULT_RECORDED -> lang.pick("记录结果", "Result");
      case REASSIGNED -> lang.pick("转派", "Reassigned");
      case EXPIRED -> lang.pick("过期", "Expired");
      case ERASED -> lang.pick("删除个人信息", "Erased");
      case ESCALATED -> lang.pick("升级", "Escalated");
    };
  }

  /** Who an escalation step went to: level 1 the branch lead, level 2 the senior pool. */
  public static String escalationStep(int level, Lang lang) {
    return level >= 2
        ? lang.pick("第2级：转交资深团队", "level 2: moved to the senior pool")
        : lang.pick("第1级：通知分支主管", "level 1: branch lead told");
  }
}
