package io.lakeingest.job.silver;

import static io.lakeingest.job.spark.SparkIdentifiers.quoted;
import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.lake.DeltaRetry;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.lake.LakeLayout;
import io.lakeingest.job.spark.NewestPerKey;
import io.lakeingest.job.source.SourceColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts a batch of valid records into {@code <lake>/silver/<dataset>}: the batch is first
 * reduced to the newest version per identity (so MERGE never sees two source rows for one
 * target row), then merged with a guard that updates a stored row only when the incoming
 * version is strictly newer. Older and replayed files therefore never overwrite newer data.
 */
public final class SilverMerger {
  private static final Logger LOG = LoggerFactory.getLogger(SilverMerger.class);

  private final SparkSession spark;
  private final JobConfig config;
  private final DeltaTables tables;

  public SilverMerger(SparkSession spark, JobConfig config, DeltaTables tables) {
    this.spark = spark;
    this.config = config;
    this.tables = tables;
  }

  /** What one merge did to the silver table. */
  public record MergeResult(long sourceRows, long versionBefore, long versionAfter,
      long inserted, long updated) {
    public long unchanged() {
      return sourceRows - inserted - updated;
    }
  }

  /**
   * Merges {@code valid} (typed columns plus lineage) into the dataset's silver table.
   *
   * @param idempotencyKey identifies this exact batch; a second merge with it is skipped
   */
  public MergeResult merge(DatasetSpec spec, Dataset<Row> valid, String idempotencyKey) {
    String path = LakeLayout.of(config).silver(spec.name());
    Dataset<Row> latest = new Enrichment(spark, config, tables)
        .apply(spec, latestPerIdentity(spec, prepare(spec, valid)));
    // Another run may create or change the table meanwhile: decide create-or-merge afresh
    // on each attempt (the losing attempt committed nothing).
    MergeResult result = DeltaRetry.onConflict(
        () -> mergeOnce(spec, latest, path, idempotencyKey));
    // Also after a skipped (replayed) merge: a crash may have come between the two.
    new Enrichment(spark, config, tables).refreshDependents(spec);
    return result;
  }

  /**
   * Creates the table from the batch, or merges the batch into it. The batch is neither
   * cached nor counted first: the commit's metrics give the rows written and the MERGE's
   * source rows, and building Spark's columnar cache of a first load cost more than reading
   * bronze again. Only a skipped (replayed) commit, which reports nothing, counts the batch.
   */
  private MergeResult mergeOnce(DatasetSpec spec, Dataset<Row> latest, String path,
      String idempotencyKey) {
    long before = tables.latestVersion(path);
    if (before == DeltaTables.NO_VERSION) {
      List<String> partitionBy = spec.partitionSpec().map(p -> List.of(p.column())).orElse(List.of());
      // Change data feed from the first commit on: the warehouse publish reads changes by version.
      DeltaTables.AppendResult created;
      try {
        created = tables.withNewTableDefaults(Map.of("enableChangeDataFeed", "true"),
            () -> tables.create(latest, path, partitionBy, idempotencyKey));
      } catch (Exception e) {
        // Another run created the table after the check above: merge into it instead. (A race
        // lost during the commit is a conflict, retried by the caller the same way.)
        if (e instanceof AnalysisException analysis
            && "DELTA_PATH_EXISTS".equals(analysis.getErrorClass())) {
          LOG.info("Silver table {} was created meanwhile by another run; merging into it", path);
          return mergeOnce(spec, latest, path, idempotencyKey);
        }
        throw e;
      }
      if (created.skipped()) {
        return new MergeResult(latest.count(), before, created.versionAfter(), 0, 0);
      }
      LOG.info("Created silver table {} with {} rows", path, created.rowsWritten());
      return new MergeResult(created.rowsWritten(), before, created.versionAfter(),
          created.rowsWritten(), 0);
    }
    new SchemaEvolution(spark, tables).addMissingColumns(path, latest.schema());
    tables.withCommitContext(idempotencyKey, () -> DeltaTable.forPath(spark, path).as("t")
        .merge(latest.as("s"), matchCondition(spec))
        // Newer, and a real change: an identical record arriving again keeps its first lineage.
        .whenMatched(SilverColumns.version(spec, "s").gt(SilverColumns.version(spec, "t"))
            .and(SilverColumns.contentDiffers(spec, "s", "t")))
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .execute());
    DeltaTables.LastCommit own = tables.ownCommitAfter(path, before);
    long after = own.version();
    if (after == before) {
      return new MergeResult(latest.count(), before, after, 0, 0);
    }
    Map<String, String> metrics = own.metrics();
    long sourceRows = Long.parseLong(metrics.getOrDefault("numSourceRows", "0"));
    long inserted = Long.parseLong(metrics.getOrDefault("numTargetRowsInserted", "0"));
    long updated = Long.parseLong(metrics.getOrDefault("numTargetRowsUpdated", "0"));
    LOG.info("Merged {} rows into {}: {} inserted, {} updated, {} unchanged",
        sourceRows, path, inserted, updated, sourceRows - inserted - updated);
    return new MergeResult(sourceRows, before, after, inserted, updated);
  }

  /** Typed columns, derived partition column, content hash and lineage, in silver's order. */
  static Dataset<Row> prepare(DatasetSpec spec, Dataset<Row> valid) {
    List<Column> columns = new ArrayList<>();
    for (String name : spec.columnNames()) {
      columns.add(col(quoted(name)));
    }
    spec.partitionSpec().ifPresent(p -> columns.add(SilverColumns.partitionValue(p).as(p.column())));
    columns.add(SilverColumns.contentHash(spec).as(SilverColumns.CONTENT_HASH));
    columns.add(col(SourceColumns.RESCUED));
    for (String lineage : SourceColumns.LINEAGE) {
      columns.add(col(lineage));
    }
    return valid.select(columns.toArray(Column[]::new));
  }

  /** One row per identity: the newest version (arrival makes every version distinct). */
  static Dataset<Row> latestPerIdentity(DatasetSpec spec, Dataset<Row> prepared) {
    List<Column> identity = new ArrayList<>();
    if (spec.keys().isEmpty()) {
      // Without keys the identity is every column; its hash first lets the sort decide on a
      // long instead of comparing the text of every column.
      identity.add(col(SilverColumns.CONTENT_HASH));
    }
    spec.identityColumns().forEach(c -> identity.add(col(quoted(c))));
    return NewestPerKey.keep(prepared, identity.toArray(Column[]::new),
        SilverColumns.version(spec, "").desc());
  }

  /**
   * Identity equality alone. A key's row may live in any partition (a corrected purchase time
   * moves an order to another month), so the match must not be limited to the batch's
   * partitions, or the MERGE would insert a second row for the key.
   */
  private static Column matchCondition(DatasetSpec spec) {
    boolean keyed = !spec.keys().isEmpty();
    Column condition = null;
    for (String column : spec.identityColumns()) {
      Column target = col("t." + quoted(column));
      Column source = col("s." + quoted(column));
      Column equal = keyed ? target.equalTo(source) : target.eqNullSafe(source);
      condition = condition == null ? equal : condition.and(equal);
    }
    return condition;
  }
}
