package io.lakeingest.job.lake;

import io.lakeingest.job.config.DatasetRegistry;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.JobConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Where every table of the lake lives, under its root: {@code bronze/<dataset>},
 * {@code silver/<dataset>}, {@code quarantine} (all datasets), {@code ledger}, {@code audit},
 * {@code publish_audit}, and the run's staged workbook sheets under {@code _staging/<run id>}.
 * The one place that names them; the names are also the prefixes of the tables' idempotency
 * keys, so they never change.
 */
public record LakeLayout(String root) {
  public static final String BRONZE = "bronze";
  public static final String SILVER = "silver";
  public static final String QUARANTINE = "quarantine";
  public static final String LEDGER = "ledger";
  public static final String AUDIT = "audit";
  /** Both sides' figures of every warehouse publish. */
  public static final String PUBLISH_AUDIT = "publish_audit";
  /** The tables all datasets share, in the order they are listed. */
  public static final List<String> SHARED_TABLES = List.of(QUARANTINE, LEDGER, AUDIT, PUBLISH_AUDIT);
  /** Not a table: workbook sheets staged as CSV for one run, removed at its end. */
  public static final String STAGING = "_staging";

  public LakeLayout {
    root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public static LakeLayout of(JobConfig config) {
    return new LakeLayout(config.lake());
  }

  public String bronze(String dataset) {
    return path(BRONZE + "/" + dataset);
  }

  public String silver(String dataset) {
    return path(SILVER + "/" + dataset);
  }

  public String quarantine() {
    return path(QUARANTINE);
  }

  public String ledger() {
    return path(LEDGER);
  }

  public String audit() {
    return path(AUDIT);
  }

  public String publishAudit() {
    return path(PUBLISH_AUDIT);
  }

  /** The folder a run stages its workbooks' sheets in. */
  public String staging(String runId) {
    return path(STAGING) + "/" + runId;
  }

  /** Every table the job writes, as paths relative to the root (see {@link #path}). */
  public static List<String> tables(DatasetRegistry registry) {
    List<String> tables = new ArrayList<>();
    for (DatasetSpec spec : registry.datasets()) {
      tables.add(BRONZE + "/" + spec.name());
      tables.add(SILVER + "/" + spec.name());
    }
    tables.addAll(SHARED_TABLES);
    return tables;
  }

  /** The location of a table given relative to the root. */
  public String path(String table) {
    return root + "/" + table;
  }
}
