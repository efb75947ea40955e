package io.lapsewatch.featurestore.features;

import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.events.PolicyEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything LapseWatch remembers about one policyholder, updated one event at a time and turned
 * into a {@link FeatureVector} as of any instant. Pure Java: the Flink job and the training-set
 * builder run exactly this code, which is what makes offline and online features agree.
 */
public final class PolicyholderState {
  /** Days a policy is remembered after it ended, so late events for it still count. */
  public static final int ENDED_POLICY_GRACE_DAYS = 90;

  /** Version of the byte layout; bump on any change so old state fails with a clear error. */
  private static final byte FORMAT = 2;

  private static final int NO_DAY = Integer.MIN_VALUE;

  /** One policy term of the policyholder. */
  static final class Policy {
    String id;
    String product;
    String channel;
    String agentId;
    double premium;
    int startDay;
    int endDay;
    int renewals;
    double quoteChangePct;
    boolean orphaned;
    int endedDay = NO_DAY;
    int overdueSinceDay = NO_DAY;

    boolean inForce() {
      return endedDay == NO_DAY;
    }
  }

  private final List<Policy> policies = new ArrayList<>(2);
  private int firstStartDay = NO_DAY;
  private int firstSeenDay = NO_DAY;
  private long lastEventAt = Long.MIN_VALUE;
  private int lastSessionDay = NO_DAY;
  private int latestNps = -1;
  private long latestNpsAt = Long.MIN_VALUE;
  private int offersReceived;
  private int callbacksCompleted;
  private final List<String> openComplaintIds = new ArrayList<>(1);
  private final List<Integer> openComplaintDays = new ArrayList<>(1);

  private final DayBuckets sessions = DayBuckets.counts(90);
  private final DayBuckets renewalViews = DayBuckets.counts(30);
  private final DayBuckets complaints = DayBuckets.counts(90);
  private final DayBuckets cancellationEnquiries = DayBuckets.counts(90);
  private final DayBuckets serviceContacts = DayBuckets.counts(30);
  private final DayBuckets claims = DayBuckets.counts(365);
  private final DayBuckets rejectedClaims = DayBuckets.counts(365);
  private final DayBuckets settledClaims = DayBuckets.counts(365);
  private final DayBuckets settleDays = DayBuckets.counts(365);
  private final DayBuckets missedPremiums = DayBuckets.counts(180);
  private final DayBuckets csat = DayBuckets.minimums(180);

  /** Applies one validated event. Events should arrive in event-time order. */
  public void apply(PolicyEvent e) {
    if (!isFeatureInput(e.type)) {
      // Consent is the contact rules' business; it must not even move the last-event time, so
      // features are the same with or without it, online and offline.
      return;
    }
    int day = e.day();
    lastEventAt = Math.max(lastEventAt, e.occurredAt);
    firstSeenDay = firstSeenDay == NO_DAY ? day : Math.min(firstSeenDay, day);
    Policy p = e.policyId == null ? null : find(e.policyId);
    switch (e.type) {
      case POLICY_ISSUED:
        if (p == null) {
          p = new Policy();
          p.id = e.policyId;
          policies.add(p);
        }
        p.product = e.product;
        p.channel = e.channel;
        p.agentId = e.agentId;
        p.premium = e.annualPremium;
        p.startDay = e.startDate;
        p.endDay = e.endDate;
        p.quoteChangePct = 0;
        p.endedDay = NO_DAY;
        firstStartDay =
            firstStartDay == NO_DAY ? e.startDate : Math.min(firstStartDay, e.startDate);
        break;
      case POLICY_RENEWED:
        if (p != null) {
          p.endDay = e.endDate;
          p.premium = e.annualPremium;
          p.renewals++;
          p.quoteChangePct = 0;
          p.endedDay = NO_DAY;
        }
        break;
      case POLICY_LAPSED:
      case POLICY_CANCELLED:
        if (p != null && p.inForce()) {
          p.endedDay = day;
        }
        break;
      case PREMIUM_PAID:
        if (p != null) {
          p.overdueSinceDay = NO_DAY;
        }
        break;
      case PREMIUM_MISSED:
        missedPremiums.add(day, 1);
        if (p != null && p.overdueSinceDay == NO_DAY) {
          p.overdueSinceDay = day;
        }
        break;
      case CLAIM_FILED:
        claims.add(day, 1);
        break;
      case CLAIM_SETTLED:
        settledClaims.add(day, 1);
        settleDays.add(day, e.daysToSettle);
        if (!e.approved) {
          rejectedClaims.add(day, 1);
        }
        break;
      case COMPLAINT_OPENED:
        complaints.add(day, 1);
        if (!openComplaintIds.contains(e.refId)) {
          openComplaintIds.add(e.refId);
          openComplaintDays.add(day);
        }
        break;
      case COMPLAINT_RESOLVED:
        int i = openComplaintIds.indexOf(e.refId);
        if (i >= 0) {
          openComplaintIds.remove(i);
          openComplaintDays.remove(i);
        }
        break;
      case SURVEY_RESPONSE:
        if ("NPS".equals(e.survey)) {
          if (e.occurredAt >= latestNpsAt) {
            latestNps = e.score;
            latestNpsAt = e.occurredAt;
          }
        } else {
          csat.add(day, e.score);
        }
        break;
      case DIGITAL_SESSION:
        sessions.add(day, 1);
        lastSessionDay = Math.max(lastSessionDay, day);
        if ("RENEWAL".equals(e.page)) {
          renewalViews.add(day, 1);
        }
        break;
      case SERVICE_CONTACT:
        serviceContacts.add(day, 1);
        if ("CANCELLATION_ENQUIRY".equals(e.topic)) {
          cancellationEnquiries.add(day, 1);
        }
        break;
      case AGENT_LEFT:
        for (Policy q : policies) {
          if (e.agentId.equals(q.agentId) || q == p) {
            q.orphaned = true;
          }
        }
        break;
      case RENEWAL_QUOTED:
        if (p != null) {
          p.quoteChangePct = 100.0 * (e.newPremium - e.lastPremium) / e.lastPremium;
        }
        break;
      case OFFER_SENT:
        offersReceived++;
        break;
      case CALLBACK_COMPLETED:
        callbacksCompleted++;
        break;
      case POLICYHOLDER_ERASED:
      case CONTACT_CONSENT_CHANGED:
        break;
      default:
        throw new IllegalArgumentException("unhandled event type " + e.type);
    }
    prune(dayOf(lastEventAt));
  }

  private Policy find(String policyId) {
    for (Policy p : policies) {
      if (p.id.equals(policyId)) {
        return p;
      }
    }
    return null;
  }

  private void prune(int newestDay) {
    sessions.prune(newestDay);
    renewalViews.prune(newestDay);
    complaints.prune(newestDay);
    cancellationEnquiries.prune(newestDay);
    serviceContacts.prune(newestDay);
    claims.prune(newestDay);
    rejectedClaims.prune(newestDay);
    settledClaims.prune(newestDay);
    settleDays.prune(newestDay);
    missedPremiums.prune(newestDay);
    csat.prune(newestDay);
    policies.removeIf(p -> !p.inForce() && p.endedDay < newestDay - ENDED_POLICY_GRACE_DAYS);
  }

  /** Event time of the newest event applied, or {@link Long#MIN_VALUE} when none. */
  public long lastEventAt() {
    return lastEventAt;
  }

  /** True when no event has been applied (or everything has aged out). */
  public boolean isEmpty() {
    return lastEventAt == Long.MIN_VALUE;
  }

  /** Epoch day after which no policy is in force, or -1 while one is (or none was ever seen). */
  public int allEndedDay() {
    int latest = -1;
    for (Policy p : policies) {
      if (p.inForce()) {
        return -1;
      }
      latest = Math.max(latest, p.endedDay);
    }
    return latest;
  }

  /** Renewal dates (epoch days) of the policies in force. */
  public int[] renewalDates() {
    return policies.stream().filter(Policy::inForce).mapToInt(p -> p.endDay).toArray();
  }

  /** The policy in force with the earliest renewal date, or null. */
  private Policy renewing() {
    Policy next = null;
    for (Policy p : policies) {
      if (p.inForce()
          && (next == null
              || p.endDay < next.endDay
              || (p.endDay == next.endDay && p.id.compareTo(next.id) < 0))) {
        next = p;
      }
    }
    return next;
  }

  /** The features as of {@code asOf} (epoch ms), describing the next policy to renew. */
  public FeatureVector vector(String policyholderId, long asOf) {
    return vector(policyholderId, asOf, null);
  }

  /**
   * The features as of {@code asOf}, describing {@code policyId} (or, when null or not in force,
   * the next policy to renew).
   */
  public FeatureVector vector(String policyholderId, long asOf, String policyId) {
    int today = dayOf(asOf);
    Policy focus = policyId == null ? null : find(policyId);
    if (focus == null || !focus.inForce()) {
      focus = renewing();
    }
    double[] v = new double[FeatureSchema.size()];
    int active = 0;
    double totalPremium = 0;
    Set<String> products = new HashSet<>();
    int overdueSince = NO_DAY;
    for (Policy p : policies) {
      if (p.inForce()) {
        active++;
        totalPremium += p.premium;
        products.add(p.product);
        if (p.overdueSinceDay != NO_DAY
            && (overdueSince == NO_DAY || p.overdueSinceDay < overdueSince)) {
          overdueSince = p.overdueSinceDay;
        }
      }
    }
    set(v, Feature.TENURE_DAYS, firstStartDay == NO_DAY ? 0 : Math.max(0, today - firstStartDay));
    set(v, Feature.ACTIVE_POLICIES, active);
    set(v, Feature.PRODUCT_LINES, products.size());
    set(v, Feature.TOTAL_ANNUAL_PREMIUM, round2(totalPremium));
    if (focus != null) {
      set(v, Feature.AGENT_CHANNEL, "AGENT".equals(focus.channel) ? 1 : 0);
      set(v, Feature.ORPHANED, focus.orphaned ? 1 : 0);
      set(v, Feature.DAYS_TO_RENEWAL, focus.endDay - today);
      set(v, Feature.RENEWALS_SO_FAR, focus.renewals);
      set(v, Feature.RENEWAL_PRICE_CHANGE, round2(focus.quoteChangePct));
      set(v, Feature.RENEWING_PREMIUM, round2(focus.premium));
    } else {
      set(v, Feature.DAYS_TO_RENEWAL, 365);
    }
    int s30 = sessions.last(30, today);
    double prior60 = sessions.sum(today - 89, today - 30) / 2.0;
    set(v, Feature.SESSIONS_7D, sessions.last(7, today));
    set(v, Feature.SESSIONS_30D, s30);
    set(v, Feature.SESSIONS_90D, sessions.last(90, today));
    int sessionReference = lastSessionDay != NO_DAY ? lastSessionDay : firstSeenDay;
    // Never seen online: count from when we started observing, not from the epoch.
    set(
        v,
        Feature.DAYS_SINCE_SESSION,
        sessionReference == NO_DAY ? 365 : Math.min(365, Math.max(0, today - sessionReference)));
    set(v, Feature.SESSION_TREND, round4((s30 - prior60) / (1 + prior60)));
    set(v, Feature.RENEWAL_PAGE_VIEWS, renewalViews.last(30, today));
    int oldest = 0;
    for (int opened : openComplaintDays) {
      oldest = Math.max(oldest, today - opened);
    }
    set(v, Feature.OPEN_COMPLAINTS, openComplaintIds.size());
    set(v, Feature.OLDEST_OPEN_COMPLAINT_DAYS, oldest);
    set(v, Feature.COMPLAINTS_90D, complaints.last(90, today));
    set(v, Feature.CANCELLATION_ENQUIRIES_90D, cancellationEnquiries.last(90, today));
    set(v, Feature.SERVICE_CONTACTS_30D, serviceContacts.last(30, today));
    set(v, Feature.CLAIMS_365D, claims.last(365, today));
    set(v, Feature.REJECTED_CLAIMS_365D, rejectedClaims.last(365, today));
    int settled = settledClaims.last(365, today);
    set(
        v,
        Feature.MEAN_DAYS_TO_SETTLE,
        settled == 0 ? 0 : round2(settleDays.last(365, today) / (double) settled));
    set(v, Feature.MISSED_PREMIUMS_180D, missedPremiums.last(180, today));
    set(v, Feature.DAYS_OVERDUE, overdueSince == NO_DAY ? 0 : Math.max(0, today - overdueSince));
    set(v, Feature.LATEST_NPS, latestNps < 0 ? 7 : latestNps);
    set(v, Feature.LOWEST_CSAT_180D, csat.minimum(180, today, 4));
    set(v, Feature.OFFERS_RECEIVED, offersReceived);
    set(v, Feature.CALLBACKS_COMPLETED, callbacksCompleted);

    FeatureVector fv = new FeatureVector();
    fv.policyholderId = policyholderId;
    fv.schemaVersion = FeatureSchema.VERSION;
    fv.asOf = asOf;
    fv.newestEventAt = lastEventAt == Long.MIN_VALUE ? FeatureVector.NO_EVENT : lastEventAt;
    fv.values = v;
    fv.allEndedDay = allEndedDay();
    if (focus != null) {
      fv.policyId = focus.id;
      fv.renewalDate = focus.endDay;
      fv.agentId = focus.agentId;
      fv.product = focus.product;
    }
    return fv;
  }

  private static void set(double[] v, Feature f, double value) {
    v[f.ordinal()] = value;
  }

  private static double round2(double d) {
    return Math.round(d * 100.0) / 100.0;
  }

  private static double round4(double d) {
    return Math.round(d * 10_000.0) / 10_000.0;
  }

  /** Epoch day (UTC) of an instant in epoch ms. */
  public static int dayOf(long epochMillis) {
    return (int) Math.floorDiv(epochMillis, 86_400_000L);
  }

  /** Compact binary form for keyed state. */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeLong(lastEventAt);
      out.writeInt(firstStartDay);
      out.writeInt(firstSeenDay);
      out.writeInt(lastSessionDay);
      out.writeByte(latestNps);
      out.writeLong(latestNpsAt);
      DayBuckets.writeVarInt(out, offersReceived);
      DayBuckets.writeVarInt(out, callbacksCompleted);
      DayBuckets.writeVarInt(out, policies.size());
      for (Policy p : policies) {
        out.writeUTF(p.id);
        writeNullable(out, p.product);
        writeNullable(out, p.channel);
        writeNullable(out, p.agentId);
        out.writeDouble(p.premium);
        out.writeInt(p.startDay);
        out.writeInt(p.endDay);
        DayBuckets.writeVarInt(out, p.renewals);
        out.writeDouble(p.quoteChangePct);
        out.writeBoolean(p.orphaned);
        out.writeInt(p.endedDay);
        out.writeInt(p.overdueSinceDay);
      }
      DayBuckets.writeVarInt(out, openComplaintIds.size());
      for (int i = 0; i < openComplaintIds.size(); i++) {
        out.writeUTF(openComplaintIds.get(i));
        out.writeInt(openComplaintDays.get(i));
      }
      for (DayBuckets b : buckets()) {
        b.write(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Inverse of {@link #toBytes()}. */
  public static PolicyholderState fromBytes(byte[] data) {
    PolicyholderState s = new PolicyholderState();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte format = in.readByte();
      if (format != FORMAT) {
        throw new IllegalStateException(
            "policyholder state has format "
                + format
                + " but this build reads "
                + FORMAT
                + "; restore from a savepoint of the matching job version or rebuild state");
      }
      s.lastEventAt = in.readLong();
      s.firstStartDay = in.readInt();
      s.firstSeenDay = in.readInt();
      s.lastSessionDay = in.readInt();
      s.latestNps = in.readByte();
      s.latestNpsAt = in.readLong();
      s.offersReceived = DayBuckets.readVarInt(in);
      s.callbacksCompleted = DayBuckets.readVarInt(in);
      int n = DayBuckets.readVarInt(in);
      for (int i = 0; i < n; i++) {
        Policy p = new Policy();
        p.id = in.readUTF();
        p.product = readNullable(in);
        p.channel = readNullable(in);
        p.agentId = readNullable(in);
        p.premium = in.readDouble();
        p.startDay = in.readInt();
        p.endDay = in.readInt();
        p.renewals = DayBuckets.readVarInt(in);
        p.quoteChangePct = in.readDouble();
        p.orphaned = in.readBoolean();
        p.endedDay = in.readInt();
        p.overdueSinceDay = in.readInt();
        s.policies.add(p);
      }
      int complaintsOpen = DayBuckets.readVarInt(in);
      for (int i = 0; i < complaintsOpen; i++) {
        s.openComplaintIds.add(in.readUTF());
        s.openComplaintDays.add(in.readInt());
      }
      for (DayBuckets b : s.buckets()) {
        b.read(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt policyholder state", e);
    }
    return s;
  }

  private DayBuckets[] buckets() {
    return new DayBuckets[] {
      sessions,
      renewalViews,
      complaints,
      cancellationEnquiries,
      serviceContacts,
      claims,
      rejectedClaims,
      settledClaims,
      settleDays,
      missedPremiums,
      csat
    };
  }

  private static void writeNullable(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  /** True when the event type changes state (everything but erasure, which the caller handles). */
  public static boolean isStateful(EventType type) {
    return type != EventType.POLICYHOLDER_ERASED && isFeatureInput(type);
  }

  /** False for event types that never change features (contact consent). */
  public static boolean isFeatureInput(EventType type) {
    return type != EventType.CONTACT_CONSENT_CHANGED;
  }
}
