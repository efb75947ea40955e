package io.lapsewatch.retentiondesk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * The case projection in Redis (layout in the module README): a hash per case holding its state and
 * the offset of the last event applied, sorted sets of unfinished cases per owner and branch and of
 * every (not erased) case per branch, scored by deadline, a set of case ids per policyholder, and
 * the projection's progress per partition.
 *
 * <p>Each write is one Lua script, so a case, its indexes and the progress change together, and the
 * offset check inside it lets two service instances project into the same Redis: whichever applies
 * an event second finds a later offset already stored and leaves the case alone. Standalone Redis
 * only: the script touches keys it derives from the case (owner, branch), which Redis Cluster would
 * refuse across slots.
 */
public final class RedisCaseStore implements CaseStore {
  // KEYS: case hash, progress hash. ARGV: prefix, case id, partition, offset, state, status,
  // owner, branch ('' = none), deadline ms, policyholder ('' = erased), unfinished (1/0),
  // expect progress (1/0), next offset (offset + 1, computed here: Lua would print a large
  // number in exponent form).
  private static final String WRITE =
      """
      local function progress()
        local cur = tonumber(redis.call('HGET', KEYS[2], ARGV[3]) or '-1')
        if cur < tonumber(ARGV[13]) then
          redis.call('HSET', KEYS[2], ARGV[3], ARGV[13])
        end
      end
      if ARGV[12] == '1' and redis.call('HEXISTS', KEYS[2], ARGV[3]) == 0 then
        return -1
      end
      local stored = redis.call('HGET', KEYS[1], 'offset')
      if stored and tonumber(stored) >= tonumber(ARGV[4]) then
        progress()
        return 0
      end
      local p = ARGV[1]
      local id = ARGV[2]
      local oldOwner = redis.call('HGET', KEYS[1], 'owner')
      local oldBranch = redis.call('HGET', KEYS[1], 'branch')
      local oldHolder = redis.call('HGET', KEYS[1], 'holder')
      if oldOwner then redis.call('ZREM', p .. 'owner:' .. oldOwner, id) end
      if oldBranch and oldBranch ~= '' then
        redis.call('ZREM', p .. 'branch:' .. oldBranch, id)
        redis.call('ZREM', p .. 'branch-cases:' .. oldBranch, id)
      end
      if oldHolder and oldHolder ~= '' and oldHolder ~= ARGV[10] then
        redis.call('SREM', p .. 'holder:' .. oldHolder, id)
      end
      redis.call('HSET', KEYS[1], 'state', ARGV[5], 'offset', ARGV[4], 'status', ARGV[6],
        'owner', ARGV[7], 'branch', ARGV[8], 'deadline', ARGV[9], 'holder', ARGV[10])
      if ARGV[11] == '1' then
        redis.call('ZADD', p .. 'owner:' .. ARGV[7], ARGV[9], id)
        if ARGV[8] ~= '' then redis.call('ZADD', p .. 'branch:' .. ARGV[8], ARGV[9], id) end
        redis.call('ZADD', p .. 'open', ARGV[9], id)
      else
        redis.call('ZREM', p .. 'open', id)
      end
      if ARGV[8] ~= '' and ARGV[6] ~= 'ERASED' then
        redis.call('ZADD', p .. 'branch-cases:' .. ARGV[8], ARGV[9], id)
      end
      redis.call('ZADD', p .. 'cases', ARGV[9], id)
      if ARGV[10] ~= '' then redis.call('SADD', p .. 'holder:' .. ARGV[10], id) end
      progress()
      return 1
      """;

  // KEYS: progress hash. ARGV: partition, next offset, expect progress (1/0).
  private static final String ADVANCE =
      """
      local cur = redis.call('HGET', KEYS[1], ARGV[1])
      if ARGV[3] == '1' and not cur then return -1 end
      if not cur or tonumber(cur) < tonumber(ARGV[2]) then
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      end
      return 0
      """;

  private final UnifiedJedis redis;
  private final String prefix;

  /**
   * @param prefix of every key, e.g. {@code lw:desk:v2:}
   */
  public RedisCaseStore(UnifiedJedis redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  private String caseKey(String caseId) {
    return prefix + "case:" + caseId;
  }

  private String progressKey() {
    return prefix + "progress";
  }

  @Override
  public Optional<RetentionCase> get(String caseId) {
    String json = redis.hget(caseKey(caseId), "state");
    return json == null
        ? Optional.empty()
        : Optional.of(CaseStateJson.read(json, "Redis key " + caseKey(caseId)));
  }

  @Override
  public long write(RetentionCase next, int partition, long offset, boolean expectProgress) {
    Object written =
        redis.eval(
            WRITE,
            List.of(caseKey(next.caseId()), progressKey()),
            List.of(
                prefix,
                next.caseId(),
                Integer.toString(partition),
                Long.toString(offset),
                CaseStateJson.toJson(next),
                next.status().name(),
                next.owner(),
                next.branch() == null ? "" : next.branch(),
                Long.toString(next.deadline().toEpochMilli()),
                next.policyholderId() == null ? "" : next.policyholderId(),
                next.isFinished() ? "0" : "1",
                expectProgress ? "1" : "0",
                Long.toString(offset + 1)));
    return (Long) written;
  }

  @Override
  public long advance(int partition, long nextOffset, boolean expectProgress) {
    return (Long)
        redis.eval(
            ADVANCE,
            List.of(progressKey()),
            List.of(
                Integer.toString(partition),
                Long.toString(nextOffset),
                expectProgress ? "1" : "0"));
  }

  @Override
  public Map<Integer, Long> progress() {
    Map<Integer, Long> out = new HashMap<>();
    redis.hgetAll(progressKey()).forEach((p, o) -> out.put(Integer.valueOf(p), Long.valueOf(o)));
    return out;
  }

  @Override
  public List<String> openCasesOfOwner(String owner) {
    return new ArrayList<>(redis.zrange(prefix + "owner:" + owner, 0, -1));
  }

  @Override
  public List<String> openCasesOfBranch(String branch) {
    return new ArrayList<>(redis.zrange(prefix + "branch:" + branch, 0, -1));
  }

  @Override
  public List<String> casesOfBranchDueSince(String branch, long epochMilli) {
    return new ArrayList<>(
        redis.zrangeByScore(prefix + "branch-cases:" + branch, Long.toString(epochMilli), "+inf"));
  }

  @Override
  public List<String> allCases() {
    return new ArrayList<>(redis.zrange(prefix + "cases", 0, -1));
  }

  @Override
  public List<String> openCasesDueBefore(long epochMilli) {
    return new ArrayList<>(redis.zrangeByScore(prefix + "open", "-inf", "(" + epochMilli));
  }

  @Override
  public List<String> casesOfPolicyholder(String policyholderId) {
    return new ArrayList<>(redis.smembers(prefix + "holder:" + policyholderId));
  }
}
