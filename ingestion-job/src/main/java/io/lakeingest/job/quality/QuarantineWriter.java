package io.lakeingest.job.quality;

import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.lake.LakeLayout;
import io.lakeingest.job.source.InputFile;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Appends failing records to the one quarantine table ({@code <lake>/quarantine},
 * partitioned by dataset) with the rules they failed and their raw values.
 */
public final class QuarantineWriter {
  static final String DATASET = "dataset";

  private final JobConfig config;
  private final DeltaTables tables;

  public QuarantineWriter(JobConfig config, DeltaTables tables) {
    this.config = config;
    this.tables = tables;
  }

  public DeltaTables.AppendResult append(Dataset<Row> quarantined, InputFile file) {
    return tables.append(quarantined, LakeLayout.of(config).quarantine(), List.of(DATASET),
        LakeLayout.QUARANTINE + "|" + file.identity());
  }
}
