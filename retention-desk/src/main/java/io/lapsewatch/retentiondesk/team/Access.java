package io.lapsewatch.retentiondesk.team;

import io.lapsewatch.retentiondesk.RetentionCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may see and change which cases on the team pages: an agent only their own cases, a lead the
 * cases of their branch, an admin every branch. Pure, so each rule has its own unit test.
 */
public final class Access {
  private final DeskUsers users;
  private final String seniorPool;

  /**
   * @param seniorPool the senior pool's owner id ({@code desk.senior-pool}), a reassignment target
   */
  public Access(DeskUsers users, String seniorPool) {
    this.users = users;
    this.seniorPool = seniorPool;
  }

  /**
   * The branch {@code user} sees when asking for {@code requested} (null: their own, or an admin's
   * first branch); empty when they may not see it (the page answers 403).
   */
  public Optional<String> branchFor(DeskUser user, String requested) {
    if (user.role() == Role.ADMIN) {
      if (requested == null || requested.isEmpty()) {
        return users.branches().stream().findFirst();
      }
      return users.branches().contains(requested) ? Optional.of(requested) : Optional.empty();
    }
    if (requested == null || requested.isEmpty() || requested.equals(user.branch())) {
      return Optional.of(user.branch());
    }
    return Optional.empty();
  }

  /** True when {@code user} may see case {@code c} on the worklist or in the export. */
  public boolean maySee(DeskUser user, RetentionCase c) {
    return switch (user.role()) {
      case ADMIN -> true;
      case LEAD -> user.branch().equals(c.branch());
      case AGENT -> user.id().equals(c.owner());
    };
  }

  /**
   * True when {@code user} may move the unfinished case {@code c} to {@code newOwner}: a lead
   * within their branch (the case and the new owner in it) or to the senior pool, an admin to any
   * agent in the roles file or the senior pool; an agent never.
   */
  public boolean mayReassign(DeskUser user, RetentionCase c, String newOwner) {
    if (user.role() == Role.AGENT || c.isFinished() || !maySee(user, c)) {
      return false;
    }
    return ownersFor(user, c.branch()).contains(newOwner);
  }

  /** The owners {@code user} may give a case of {@code branch} to: its agents and the pool. */
  public List<String> ownersFor(DeskUser user, String branch) {
    List<String> out = new ArrayList<>();
    if (user.role() == Role.AGENT || branch == null) {
      return out;
    }
    if (user.role() == Role.LEAD && !branch.equals(user.branch())) {
      return out;
    }
    users.agentsOf(branch).forEach(a -> out.add(a.id()));
    if (user.role() == Role.ADMIN) {
      for (String other : users.branches()) {
        if (!other.equals(branch)) {
          users.agentsOf(other).forEach(a -> out.add(a.id()));
        }
      }
    }
    out.add(seniorPool);
    return out;
  }
}
