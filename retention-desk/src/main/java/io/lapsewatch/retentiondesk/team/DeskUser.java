package io.lapsewatch.retentiondesk.team;

import java.util.Arrays;
import java.util.Objects;

/**
 * One person who may sign in to the desk's team pages, from the roles file.
 *
 * @param id the user's id (an agent id for agents, as on the alerts)
 * @param branch the branch of an agent or lead; null for an admin, who sees every branch
 * @param tokenSha256 SHA-256 of the user's login token (32 bytes; the token itself is never stored)
 */
public record DeskUser(String id, Role role, String branch, byte[] tokenSha256) {

  public DeskUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(tokenSha256, "tokenSha256");
    tokenSha256 = tokenSha256.clone();
  }

  @Override
  public byte[] tokenSha256() {
    return tokenSha256.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeskUser u
        && id.equals(u.id)
        && role == u.role
        && Objects.equals(branch, u.branch)
        && Arrays.equals(tokenSha256, u.tokenSha256);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, role, branch);
  }

  @Override
  public String toString() {
    // Without the token hash: a log line is no place for credential material.
    return "DeskUser{" + id + " " + role.fileName() + (branch == null ? "" : " " + branch) + "}";
  }
}
