package io.lakeingest.job.catalog;

import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.errors.IngestionErrors;
import io.lakeingest.job.lake.LakeLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A lake table as a catalog names it. Silver tables, the ones users query, take the dataset's
 * own name ({@code <db>.orders}); every other table is named after its folder
 * ({@code bronze_orders}, {@code quarantine}, {@code audit}, {@code ledger},
 * {@code publish_audit}).
 */
public record LakeTable(String name, String location) {
  static final String BRONZE_PREFIX = LakeLayout.BRONZE + "_";

  /** Every table the job may write under the lake, whether or not it exists yet. */
  public static List<LakeTable> all(JobConfig config) {
    LakeLayout layout = LakeLayout.of(config);
    List<String> fixed = LakeLayout.SHARED_TABLES;
    List<LakeTable> tables = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (DatasetSpec spec : config.registry().datasets()) {
      tables.add(new LakeTable(spec.name(), layout.silver(spec.name())));
      tables.add(new LakeTable(BRONZE_PREFIX + spec.name(),
          layout.bronze(spec.name())));
    }
    fixed.forEach(t -> tables.add(new LakeTable(t, layout.path(t))));
    for (LakeTable table : tables) {
      if (!names.add(table.name())) {
        throw IngestionErrors.invalidRegistry(config.environment().registry(), "datasets",
            "two lake tables would share the catalog name '" + table.name() + "' (a dataset "
                + "named like one of " + fixed + " or starting with '" + BRONZE_PREFIX
                + "'); rename the dataset");
      }
    }
    return tables;
  }
}
