package io.lapsewatch.alertcontract.policy;

import io.lapsewatch.alertcontract.Arm;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Assigns policyholders to the TREATED or HOLDOUT arm with a salted hash: the same policyholder
 * always lands in the same arm for a given salt, independently of everything else, so the holdout
 * is a fair random sample and a replay never moves anyone.
 */
public record HoldoutArm(double share, String salt) implements Serializable {
  /** Default share of alert-worthy policyholders held out. */
  public static final double DEFAULT_SHARE = 0.10;

  public HoldoutArm {
    if (!(share >= 0 && share < 1)) {
      throw new IllegalArgumentException("decision.holdout-share must be in [0, 1), was " + share);
    }
    if (salt == null || salt.isBlank()) {
      throw new IllegalArgumentException("decision.holdout-salt must not be blank");
    }
  }

  /** No holdout: everyone is treated. */
  public static HoldoutArm none() {
    return new HoldoutArm(0, "none");
  }

  public Arm of(String policyholderId) {
    return position(policyholderId) < share ? Arm.HOLDOUT : Arm.TREATED;
  }

  /** Uniform in [0, 1): the policyholder's place in the salted hash order. */
  double position(String policyholderId) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '|');
      byte[] d = sha.digest(policyholderId.getBytes(StandardCharsets.UTF_8));
      long bits = ByteBuffer.wrap(d).getLong() >>> 11;
      return bits / (double) (1L << 53);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
