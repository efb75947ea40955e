package io.lapsewatch.flinkjobs.contact;

import io.lapsewatch.alertcontract.Alert;

/**
 * An alert waiting at the contact rules until event time reaches {@link #at}: the moment it would
 * go out (or, for a renewal offer held through quiet hours, the end of them). A POJO for Flink.
 */
public class PendingContact {
  public long at;
  public Alert alert;

  /** Whether it already waited through quiet hours (counted once). */
  public boolean held;

  public PendingContact() {}

  public PendingContact(long at, Alert alert) {
    this.at = at;
    this.alert = alert;
  }
}
