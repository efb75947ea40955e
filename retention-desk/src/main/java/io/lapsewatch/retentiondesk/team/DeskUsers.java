package io.lapsewatch.retentiondesk.team;

import io.lapsewatch.featurestore.events.Ids;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The desk's users and branches, from the roles file ({@code desk.roles-file}, YAML; format in the
 * module README). The branch set is bounded by the file, so it can label metrics. Validated when
 * read: every error names the key path and the value.
 */
public final class DeskUsers {
  /** A branch name: also a Redis key part and a Prometheus label value. */
  private static final Pattern BRANCH = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Set<String> TOP = Set.of("branches", "senior-pool-branch", "users");
  private static final Set<String> USER = Set.of("id", "role", "branch", "token-sha256");
  private static final Set<String> BRANCH_ENTRY = Set.of("name", "escalation-receiver");

  /** A routing receiver's name as the routing file spells it. */
  private static final Pattern RECEIVER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final List<String> branches;
  private final String seniorPoolBranch;
  private final Map<String, DeskUser> users;
  private final Map<String, String> escalationReceivers;

  private DeskUsers(
      List<String> branches,
      String seniorPoolBranch,
      Map<String, DeskUser> users,
      Map<String, String> escalationReceivers) {
    this.branches = List.copyOf(branches);
    this.escalationReceivers = Map.copyOf(escalationReceivers);
    this.seniorPoolBranch = seniorPoolBranch;
    this.users = Map.copyOf(users);
  }

  /** No roles file: no branches, nobody may sign in. */
  public static DeskUsers none() {
    return new DeskUsers(List.of(), null, Map.of(), Map.of());
  }

  /** Reads and validates the roles file at {@code file}. */
  public static DeskUsers load(Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new RolesFileException("cannot read roles file " + file + ": " + e, e);
    }
    if (content.length > RolesYaml.MAX_CHARS) {
      throw new RolesFileException(
          "roles file " + file + " is larger than " + RolesYaml.MAX_CHARS + " bytes");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
    } catch (CharacterCodingException e) {
      throw new RolesFileException("roles file " + file + " is not UTF-8 text", e);
    }
    return parse(text, file.getFileName().toString());
  }

  /** Parses roles YAML; {@code source} names it in errors. */
  public static DeskUsers parse(String yaml, String source) {
    try {
      return build(RolesYaml.root(yaml));
    } catch (RolesFileException e) {
      throw new RolesFileException("roles file " + source + ": " + e.getMessage(), e);
    }
  }

  private static DeskUsers build(RolesYaml root) {
    Map<String, RolesYaml> top = root.map(TOP);
    RolesYaml branchesNode = require(top, "branches", root);
    Set<String> branches = new LinkedHashSet<>();
    Map<String, String> receivers = new LinkedHashMap<>();
    for (RolesYaml item : branchesNode.list()) {
      // A branch is its name, or {name, escalation-receiver} when its lead has an escalation route.
      RolesYaml b = item;
      if (item.isMap()) {
        Map<String, RolesYaml> entry = item.map(BRANCH_ENTRY);
        b = require(entry, "name", item);
        RolesYaml r = entry.get("escalation-receiver");
        if (r != null) {
          String receiver = r.text();
          if (!RECEIVER.matcher(receiver).matches()) {
            throw r.error(
                "escalation receiver '"
                    + receiver
                    + "' must be a routing receiver name (letters, digits, '.', '-', '_')");
          }
          receivers.put(b.text(), receiver);
        }
      }
      String name = b.text();
      if (!BRANCH.matcher(name).matches()) {
        throw b.error(
            "branch '"
                + name
                + "' must be lower-case letters, digits, '-' or '_' (at most 63 characters)");
      }
      if (!branches.add(name)) {
        throw b.error("branch '" + name + "' is listed twice");
      }
    }
    if (branches.isEmpty()) {
      throw branchesNode.error("must list at least one branch");
    }
    RolesYaml poolNode = require(top, "senior-pool-branch", root);
    String pool = knownBranch(poolNode, branches);
    Map<String, DeskUser> users = new LinkedHashMap<>();
    RolesYaml usersNode = require(top, "users", root);
    for (RolesYaml u : usersNode.list()) {
      DeskUser user = user(u, branches);
      if (users.putIfAbsent(user.id(), user) != null) {
        throw u.error("user id '" + user.id() + "' is listed twice");
      }
    }
    return new DeskUsers(new ArrayList<>(branches), pool, users, receivers);
  }

  private static DeskUser user(RolesYaml node, Set<String> branches) {
    Map<String, RolesYaml> m = node.map(USER);
    RolesYaml idNode = require(m, "id", node);
    String id = idNode.text();
    if (!Ids.isValid(id)) {
      throw idNode.error(
          "id '" + id + "' must be 1-64 characters of letters, digits and - _ . : @");
    }
    RolesYaml roleNode = require(m, "role", node);
    Role role = role(roleNode);
    RolesYaml branchNode = m.get("branch");
    String branch = null;
    if (role == Role.ADMIN) {
      if (branchNode != null) {
        throw branchNode.error(
            "an admin sees every branch; remove branch '" + branchNode.text() + "'");
      }
    } else {
      if (branchNode == null) {
        throw node.error("user '" + id + "' is a " + role.fileName() + " and needs a branch");
      }
      branch = knownBranch(branchNode, branches);
    }
    RolesYaml hashNode = require(m, "token-sha256", node);
    String hex = hashNode.text();
    if (!SHA256_HEX.matcher(hex).matches()) {
      // The value is not echoed: a token pasted here by mistake must not end up in a log.
      throw hashNode.error(
          "must be 64 hex digits (SHA-256 of the token: printf %s \"$TOKEN\" | sha256sum), was "
              + hex.length()
              + " characters"
              + firstNonHex(hex)
              + " (value not shown: it may be the token itself)");
    }
    return new DeskUser(id, role, branch, HexFormat.of().parseHex(hex.toLowerCase()));
  }

  private static String firstNonHex(String v) {
    for (int i = 0; i < v.length(); i++) {
      if (Character.digit(v.charAt(i), 16) < 0) {
        return ", the first non-hex at position " + (i + 1);
      }
    }
    return "";
  }

  private static Role role(RolesYaml node) {
    String v = node.text();
    for (Role r : Role.values()) {
      if (r.fileName().equals(v)) {
        return r;
      }
    }
    throw node.error("unknown role '" + v + "'; one of agent, lead, admin");
  }

  private static String knownBranch(RolesYaml node, Set<String> branches) {
    String v = node.text();
    if (!branches.contains(v)) {
      throw node.error("unknown branch '" + v + "'; branches: " + branches);
    }
    return v;
  }

  private static RolesYaml require(Map<String, RolesYaml> m, String key, RolesYaml parent) {
    RolesYaml v = m.get(key);
    if (v == null) {
      throw parent.error("missing key '" + key + "'");
    }
    return v;
  }

  /** The branches, in file order: the bounded set of a {@code branch} metrics label. */
  public List<String> branches() {
    return branches;
  }

  /**
   * The routing receiver that tells {@code branch}'s lead of escalations ({@code
   * escalation-receiver} in the roles file), if the branch names one.
   */
  public Optional<String> escalationReceiver(String branch) {
    return Optional.ofNullable(branch == null ? null : escalationReceivers.get(branch));
  }

  /** Every branch's escalation receiver, by branch (for checking against the routing table). */
  public Map<String, String> escalationReceivers() {
    return escalationReceivers;
  }

  /** The branch of the senior pool's cases (orphans); null without a roles file. */
  public String seniorPoolBranch() {
    return seniorPoolBranch;
  }

  /** The user with {@code id}. */
  public Optional<DeskUser> user(String id) {
    return Optional.ofNullable(id == null ? null : users.get(id));
  }

  /** The branch of agent or lead {@code agentId}; empty when not in the file (or an admin). */
  public Optional<String> branchOf(String agentId) {
    return user(agentId).map(DeskUser::branch);
  }

  /** The agents of {@code branch}, by id. */
  public List<DeskUser> agentsOf(String branch) {
    return users.values().stream()
        .filter(u -> u.role() == Role.AGENT && branch.equals(u.branch()))
        .sorted(Comparator.comparing(DeskUser::id))
        .toList();
  }

  /**
   * The user whose token hashes to {@code sha256}. Compares against every user in constant time per
   * comparison, so the time taken does not tell how much of a guess matched.
   */
  public Optional<DeskUser> byTokenHash(byte[] sha256) {
    DeskUser found = null;
    for (DeskUser u : users.values()) {
      if (MessageDigest.isEqual(u.tokenSha256(), sha256)) {
        found = u;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The user whose login token is {@code token}. */
  public Optional<DeskUser> byToken(String token) {
    return byTokenHash(sha256(token));
  }

  /**
   * An owner's branch for opening and reassigning cases: the senior pool's branch for {@code
   * seniorPool}, an agent's or lead's branch, else null.
   */
  public Function<String, String> branchLookup(String seniorPool) {
    return owner -> owner.equals(seniorPool) ? seniorPoolBranch : branchOf(owner).orElse(null);
  }

  /** SHA-256 of {@code token}'s UTF-8 bytes, as {@code printf %s "$TOKEN" | sha256sum}. */
  public static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "DeskUsers{branches=" + branches + ", users=" + users.size() + "}";
  }
}
