package io.lapsewatch.flinkjobs.functions;

/** The champion's and the challenger's scores for the same vector, for offline comparison. */
public class ShadowScore {
  public String policyholderId;
  public String policyId;
  public int renewalDate;
  public long asOf;
  public String championVersion;
  public double championScore;
  public String challengerVersion;
  public double challengerScore;

  public ShadowScore() {}
}
