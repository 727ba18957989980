package io.lakeingest.job.catalog;

import io.lakeingest.job.config.DatasetRegistry;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.errors.IngestionErrors;
import io.lakeingest.job.lake.LakeLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A lake table as a catalog names it. Silver tables, the ones users query, take the dataset's
 * own name ({@code <db>.orders}); every other table is named after its folder
 * ({@code bronze_orders}, {@code quarantine}, {@code audit}, {@code ledger},
 * {@code publish_audit}).
 */
public record LakeTable(String name, String location) {
  /**
   * Every table the job may write under the lake, whether or not it exists yet, at its fully
   * qualified location: a catalog resolves a relative location against its own warehouse
   * folder, not against the folder the job ran in.
   */
  public static List<LakeTable> all(JobConfig config, Configuration hadoopConf) {
    return all(config).stream()
        .map(t -> new LakeTable(t.name(), qualified(t.location(), hadoopConf))).toList();
  }

  static String qualified(String location, Configuration hadoopConf) {
    Path path = new Path(location);
    try {
      return path.getFileSystem(hadoopConf).makeQualified(path).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot resolve " + location, e);
    }
  }

  /** Every table the job may write under the lake, at its location as configured. */
  static List<LakeTable> all(JobConfig config) {
    LakeLayout layout = LakeLayout.of(config);
    // The registry refuses datasets named like these (DatasetRegistry.RESERVED_TABLE_NAMES).
    List<String> fixed = LakeLayout.SHARED_TABLES;
    List<LakeTable> tables = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (DatasetSpec spec : config.registry().datasets()) {
      tables.add(new LakeTable(spec.name(), layout.silver(spec.name())));
      tables.add(new LakeTable(DatasetRegistry.BRONZE_TABLE_PREFIX + spec.name(),
          layout.bronze(spec.name())));
    }
    fixed.forEach(t -> tables.add(new LakeTable(t, layout.path(t))));
    for (LakeTable table : tables) {
      if (!names.add(table.name())) {
        throw IngestionErrors.invalidRegistry(config.environment().registry(), "datasets",
            "two lake tables would share the catalog name '" + table.name() + "'; rename the "
                + "dataset");
      }
    }
    return tables;
  }
}
