package io.lapsewatch.alertcontract;

/** Value tier of an at-risk policyholder; decides the retention action. */
public enum Tier {
  HIGH_VALUE,
  STANDARD
}
