package io.lapsewatch.alerts.notify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whom a chat message mentions: fixed user ids and mobiles, everyone, and optionally the alert's
 * agent (their id or mobile comes from the agent directory). Mobiles go to the chat API only, never
 * to logs.
 *
 * @param userIds chat user ids (WeCom userid, DingTalk userId, Feishu open_id)
 * @param mobiles mobile numbers the chat API resolves to members of the group
 * @param agent also mention the alert's own agent, when the directory knows them
 * @param all mention everyone in the group
 */
public record Mentions(List<String> userIds, List<String> mobiles, boolean agent, boolean all) {
  public static final Mentions NONE = new Mentions(List.of(), List.of(), false, false);

  public Mentions {
    userIds = List.copyOf(userIds);
    mobiles = List.copyOf(mobiles);
  }

  /** The ids and mobiles for one alert, the agent's added from {@code idAttribute}. */
  public Resolved resolve(EnrichedAlert a, String idAttribute) {
    Set<String> ids = new LinkedHashSet<>(userIds);
    Set<String> phones = new LinkedHashSet<>(mobiles);
    if (agent) {
      if (idAttribute != null) {
        a.attribute(idAttribute).ifPresent(ids::add);
      }
      a.attribute(EnrichedAlert.AGENT_MOBILE).ifPresent(phones::add);
    }
    return new Resolved(new ArrayList<>(ids), new ArrayList<>(phones), all);
  }

  /** True when nobody is mentioned. */
  public boolean isEmpty() {
    return userIds.isEmpty() && mobiles.isEmpty() && !agent && !all;
  }

  @Override
  public String toString() {
    return "Mentions{userIds="
        + userIds.size()
        + ", mobiles="
        + mobiles.size()
        + ", agent="
        + agent
        + ", all="
        + all
        + "}";
  }

  /** Mentions for one message. */
  public record Resolved(List<String> userIds, List<String> mobiles, boolean all) {
    public boolean isEmpty() {
      return userIds.isEmpty() && mobiles.isEmpty() && !all;
    }

    @Override
    public String toString() {
      return "Mentions.Resolved{userIds=" + userIds.size() + ", mobiles=" + mobiles.size() + "}";
    }
  }
}
