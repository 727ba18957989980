package io.lakeingest.job.warehouse;

/** One dataset's publish: the silver versions covered and the reconciliation figures. */
public record PublishResult(
    String dataset,
    long fromVersion,
    long toVersion,
    long rowsPublished,
    long silverRows,
    long warehouseRows,
    String silverKeySum,
    String warehouseKeySum) {

  public boolean reconciled() {
    return silverRows == warehouseRows && silverKeySum.equals(warehouseKeySum);
  }
}
