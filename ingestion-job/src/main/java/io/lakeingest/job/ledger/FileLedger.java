package io.lakeingest.job.ledger;

import static org.apache.spark.sql.functions.col;

import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.lake.LakeLayout;
import io.lakeingest.job.source.InputFile;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Delta table ({@code <lake>/ledger}) of files already processed, keyed on their content
 * ({@code identity} holds {@link InputFile#contentId()}): the same bytes under another name or
 * time are recognised as loaded. A file is recorded only after its silver commit, so a crash before that
 * point makes the next run process it again (idempotently), and a crash after it makes the
 * next run skip it and only archive it.
 */
public final class FileLedger {
  public static final String LOADED = "LOADED";

  static final StructType SCHEMA = new StructType()
      .add("identity", DataTypes.StringType, false)
      .add("path", DataTypes.StringType, false)
      .add("name", DataTypes.StringType, false)
      .add("size", DataTypes.LongType, false)
      .add("modified_at", DataTypes.TimestampType, false)
      .add("etag", DataTypes.StringType, true)
      .add("dataset", DataTypes.StringType, false)
      .add("status", DataTypes.StringType, false)
      .add("run_id", DataTypes.StringType, false)
      .add("processed_at", DataTypes.TimestampType, false);

  private final SparkSession spark;
  private final JobConfig config;
  private final DeltaTables tables;

  public FileLedger(SparkSession spark, JobConfig config, DeltaTables tables) {
    this.spark = spark;
    this.config = config;
    this.tables = tables;
  }

  /** Content ids among {@code files} whose rows are already in silver. */
  public Set<String> alreadyLoaded(Collection<InputFile> files) {
    String path = LakeLayout.of(config).ledger();
    if (files.isEmpty() || tables.latestVersion(path) == DeltaTables.NO_VERSION) {
      return Set.of();
    }
    Object[] identities = files.stream().map(InputFile::contentId).toArray();
    Set<String> loaded = new HashSet<>();
    for (Row row : tables.read(path)
        .filter(col("status").equalTo(LOADED).and(col("identity").isin(identities)))
        .select("identity").distinct().collectAsList()) {
      loaded.add(row.getString(0));
    }
    return loaded;
  }

  /** Records files whose rows are committed to silver, with the dataset of each. */
  public void record(Collection<InputFile> files, Map<InputFile, String> datasetOf) {
    if (files.isEmpty()) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    Timestamp now = Timestamp.from(Instant.now());
    for (InputFile file : files) {
      rows.add(RowFactory.create(file.contentId(), file.path(), file.name(), file.size(),
          Timestamp.from(file.modifiedAt()), file.etag(), datasetOf.get(file), LOADED,
          config.runId(), now));
    }
    String key = LakeLayout.LEDGER + "|" + config.runId();
    tables.append(spark.createDataFrame(rows, SCHEMA), LakeLayout.of(config).ledger(), List.of(), key);
  }
}
