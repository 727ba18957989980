package io.lakeingest.job.lake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.NoMapping$;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.VersionChecksum;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.CommitInfo;
import org.apache.spark.sql.delta.actions.SetTransaction;
import org.apache.spark.sql.delta.util.DeltaFileOperations;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * Appends to Delta tables the way every stage needs: commits stamped with the run id, and
 * idempotent per input ({@code txnAppId}/{@code txnVersion}) so a re-run of the same file
 * content never writes its rows twice.
 */
public final class DeltaTables {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaTables.class);
  static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";
  static final String TXN_APP_ID = "spark.databricks.delta.write.txnAppId";
  static final String TXN_VERSION = "spark.databricks.delta.write.txnVersion";

  /** No Delta version yet: the table does not exist. */
  public static final long NO_VERSION = -1L;

  private final SparkSession spark;
  private final String runId;
  private final DeltaActivity activity;

  private static final Map<String, Object> COMMIT_LOCKS = new ConcurrentHashMap<>();

  public DeltaTables(SparkSession spark, String runId) {
    this.spark = spark;
    this.runId = runId;
    this.activity = DeltaActivity.of(runId);
  }

  /**
   * What one append did. {@code rowsWritten} is read back from the commit's metrics;
   * {@code files} are the data files the commit added (absolute), {@code plainFiles} whether
   * they can be read as plain Parquet files (see {@link #committedRows}); {@code schema} is
   * the rows'.
   */
  public record AppendResult(long versionBefore, long versionAfter, long rowsWritten,
      List<String> files, boolean plainFiles, StructType schema) {
    public AppendResult {
      files = List.copyOf(files);
    }

    public boolean skipped() {
      return versionAfter == versionBefore;
    }
  }

  /**
   * The rows an append committed, read from the data files its commit added, or empty when
   * those files cannot be read as plain Parquet: the table maps column names (its files name
   * columns by id), is partitioned (partition values live in folder names, not the files), or
   * was committed to again before the append read its version back; and when a path holds a
   * character a file read takes for a pattern ({@code lake[1]}). The same rows as the
   * table at the append's version filtered to them, without planning a read of that version:
   * Delta rebuilds a version's file list and data-skipping state with Spark jobs of its own,
   * the largest share of the driver's time for a small file. The files never change once
   * committed; only a VACUUM long after the run removes them.
   */
  public Optional<Dataset<Row>> committedRows(AppendResult append) {
    if (append.skipped() || !append.plainFiles()) {
      return Optional.empty();
    }
    if (append.files().isEmpty()) {
      return Optional.of(spark.createDataFrame(List.of(), append.schema()));
    }
    return Optional.of(spark.read().schema(append.schema())
        .parquet(append.files().toArray(String[]::new)));
  }

  public AppendResult append(Dataset<Row> rows, String path, List<String> partitionBy,
      String idempotencyKey) {
    // All of a run's commits carry its id, so two of its threads appending to one table (the
    // quarantine) take turns: each then reads back its own commit, not the other's.
    synchronized (commitLock(path)) {
      return DeltaRetry.onConflict(() -> write(rows, path, partitionBy, idempotencyKey, "append"));
    }
  }

  /**
   * Creates the table from {@code rows}, in one attempt. When another writer created it first
   * this fails, and is never turned into an append: either Delta reports the lost race
   * (a concurrent-modification conflict) or, when the table already existed as the write
   * began, a {@code DELTA_PATH_EXISTS} error. The caller then merges into that table.
   */
  public AppendResult create(Dataset<Row> rows, String path, List<String> partitionBy,
      String idempotencyKey) {
    synchronized (commitLock(path)) {
      return write(rows, path, partitionBy, idempotencyKey, "errorifexists");
    }
  }

  private static Object commitLock(String path) {
    return COMMIT_LOCKS.computeIfAbsent(path, p -> new Object());
  }

  private AppendResult write(Dataset<Row> rows, String path, List<String> partitionBy,
      String idempotencyKey, String mode) {
    long before = latestVersion(path);
    String appId = txnAppId(idempotencyKey);
    DataFrameWriter<Row> writer = rows.write().format("delta").mode(mode)
        .option("userMetadata", runId)
        .option("txnAppId", appId)
        .option("txnVersion", 0L);
    if (!partitionBy.isEmpty()) {
      writer = writer.partitionBy(partitionBy.toArray(String[]::new));
    }
    // The write reads the table's newest version before it commits.
    activity.readVersion();
    writer.save(path);
    LastCommit own = commitAfter(path, before, appId);
    long written = own.version() == before
        ? 0L
        : Long.parseLong(own.metrics().getOrDefault("numOutputRows", "-1"));
    return new AppendResult(before, own.version(), written, own.addedFiles(),
        plainFiles(path, own.version()), rows.schema());
  }

  /** Runs {@code create} with Delta table-property defaults for the tables it creates. */
  public <T> T withNewTableDefaults(Map<String, String> properties, java.util.function.Supplier<T> create) {
    String prefix = "spark.databricks.delta.properties.defaults.";
    properties.forEach((key, value) -> spark.conf().set(prefix + key, value));
    try {
      return create.get();
    } finally {
      properties.keySet().forEach(key -> spark.conf().unset(prefix + key));
    }
  }

  /** Version, operation metrics and added data files (absolute) of a table's latest commit. */
  public record LastCommit(long version, Map<String, String> metrics, List<String> addedFiles) {}

  /**
   * This run's newest commit after {@code before}, or {@code before} with no metrics when it
   * committed nothing (an idempotent write skipped). Another run's commit in between is not
   * taken for ours: commits carry the run id.
   */
  public LastCommit ownCommitAfter(String path, long before) {
    return commitAfter(path, before, null);
  }

  /**
   * Whether the data files of {@code version} can be read as plain Parquet files: no column
   * mapping, no partitions, as of that version (when another commit followed, not known
   * without rebuilding that version: no), and no character in the table's path that a file
   * read takes for a pattern.
   */
  private boolean plainFiles(String path, long version) {
    if (path.chars().anyMatch(c -> "{}[]*?\\".indexOf(c) >= 0)) {
      return false;
    }
    Snapshot snapshot = DeltaLog.forTable(spark, path).unsafeVolatileSnapshot();
    return snapshot.version() == version
        && snapshot.metadata().partitionColumns().isEmpty()
        && snapshot.metadata().columnMappingMode() == NoMapping$.MODULE$;
  }

  /**
   * This run's newest commit after {@code before} ({@code appId}: the one of that idempotent
   * write, so another process of the same run id cannot be taken for this one).
   */
  private LastCommit commitAfter(String path, long before, String appId) {
    // The commit files after `before`, read on the driver: history() ran a Spark job each time.
    LastCommit own = new LastCommit(before, Map.of(), List.of());
    activity.readVersion();
    DeltaLog log = DeltaLog.forTable(spark, path);
    var changes = log.getChanges(before + 1, false);
    while (changes.hasNext()) {
      var commit = changes.next();
      long version = (Long) commit._1();
      List<String> added = new ArrayList<>();
      CommitInfo ours = null;
      boolean ourWrite = appId == null;
      for (Action action : JavaConverters.seqAsJavaList(commit._2())) {
        if (action instanceof CommitInfo info && info.userMetadata().contains(runId)) {
          ours = info;
        } else if (action instanceof AddFile add) {
          added.add(DeltaFileOperations.absolutePath(log.dataPath().toString(), add.path()).toString());
        } else if (action instanceof SetTransaction txn && txn.appId().equals(appId)) {
          ourWrite = true;
        }
      }
      if (ours != null && ourWrite) {
        own = new LastCommit(version, ours.operationMetrics().isEmpty()
            ? Map.of() : JavaConverters.mapAsJavaMap(ours.operationMetrics().get()), added);
      }
    }
    if (own.version() != before) {
      activity.committed();
    }
    return own;
  }

  /**
   * The run that committed the idempotent write {@code idempotencyKey} to {@code path}, read
   * from the commit files (only after a skipped write, so a crash's re-run): empty when the
   * log no longer holds that commit.
   */
  public Optional<String> runOfWrite(String path, String idempotencyKey) {
    String appId = txnAppId(idempotencyKey);
    activity.readVersion();
    try {
      var changes = DeltaLog.forTable(spark, path).getChanges(0, false);
      while (changes.hasNext()) {
        String committedBy = null;
        boolean ours = false;
        for (Action action : JavaConverters.seqAsJavaList(changes.next()._2())) {
          if (action instanceof SetTransaction txn && txn.appId().equals(appId)) {
            ours = true;
          } else if (action instanceof CommitInfo info && info.userMetadata().isDefined()) {
            committedBy = info.userMetadata().get();
          }
        }
        if (ours) {
          return Optional.ofNullable(committedBy);
        }
      }
    } catch (RuntimeException e) {
      // Early commit files cleaned up after a checkpoint: the caller falls back.
      LOG.warn("Could not find the commit of {} in {}'s log: {}", idempotencyKey, path, e.toString());
    }
    return Optional.empty();
  }

  /** The table's current version, or {@link #NO_VERSION} when there is no table yet. */
  public long latestVersion(String path) {
    // The log's newest snapshot: one listing of _delta_log, where isDeltaTable plus
    // history(1) listed it twice and ran a Spark job, several times per dataset and file.
    activity.readVersion();
    long version = DeltaLog.forTable(spark, path)
        .update(false, Option.empty(), Option.<CatalogTable>empty()).version();
    return version < 0 ? NO_VERSION : version;
  }

  /** Rows and version of a table now, from one read of its log ({@code NO_VERSION}: no table). */
  public record State(long rows, long version) {}

  public State state(String path) {
    activity.readVersion();
    Snapshot snapshot = DeltaLog.forTable(spark, path)
        .update(false, Option.empty(), Option.<CatalogTable>empty());
    if (snapshot.version() < 0) {
      return new State(0L, NO_VERSION);
    }
    // Of that version, so rows and version agree while other runs commit.
    return new State(rowsFromChecksum(snapshot)
        .orElseGet(() -> readAt(spark, path, snapshot.version()).count()), snapshot.version());
  }

  /**
   * The rows of a small table's version from the checksum Delta writes beside each commit,
   * which lists every file with its statistics: counting by a read first rebuilds the
   * version's file list with Spark jobs, a second or more of the driver's time per table.
   * Empty when there is no checksum (a writer stopped before writing it), it does not list
   * the files (a table of many files) or a file has no row count.
   */
  private static Optional<Long> rowsFromChecksum(Snapshot snapshot) {
    Option<VersionChecksum> checksum = snapshot.checksumOpt();
    if (checksum.isEmpty() || checksum.get().allFiles().isEmpty()) {
      return Optional.empty();
    }
    long rows = 0;
    for (AddFile file : JavaConverters.seqAsJavaList(checksum.get().allFiles().get())) {
      Option<Object> records = file.numLogicalRecords();
      if (records.isEmpty()) {
        return Optional.empty();
      }
      rows += (Long) records.get();
    }
    return Optional.of(rows);
  }

  /**
   * The table as it was at {@code version} (time travel), not counted in the run's Delta
   * activity (the warehouse publish reads so).
   */
  public static Dataset<Row> readAt(SparkSession spark, String path, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(path);
  }

  /** The table's newest version, to read. */
  public Dataset<Row> read(String path) {
    activity.readVersion();
    return spark.read().format("delta").load(path);
  }

  /** Version {@code version} of the table, to read. */
  public Dataset<Row> read(String path, long version) {
    activity.readVersion();
    return readAt(spark, path, version);
  }

  /**
   * Runs a Delta DML command on {@code path} that is not stamped with the run (a lookup
   * refresh), counting its commit, if it made one, from the table's version before and after.
   */
  public void countedCommand(String path, Runnable command) {
    long before = latestVersion(path);
    activity.readVersion();
    command.run();
    if (latestVersion(path) != before) {
      activity.committed();
    }
  }

  /**
   * Runs a Delta DML command (MERGE) stamped with the run id and made idempotent: a command
   * whose key was committed before is skipped by Delta itself.
   */
  public void withCommitContext(String idempotencyKey, Runnable command) {
    Map<String, String> settings = Map.of(
        USER_METADATA, runId,
        TXN_APP_ID, txnAppId(idempotencyKey),
        TXN_VERSION, "0");
    settings.forEach((key, value) -> spark.conf().set(key, value));
    // The command reads the table's newest version; the caller's ownCommitAfter counts a commit.
    activity.readVersion();
    try {
      command.run();
    } finally {
      settings.keySet().forEach(key -> spark.conf().unset(key));
    }
  }

  /** A short, stable id for a Delta idempotent write from any key. */
  static String txnAppId(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
