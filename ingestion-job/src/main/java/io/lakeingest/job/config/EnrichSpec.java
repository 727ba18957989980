package io.lakeingest.job.config;

import java.util.List;

/**
 * A lookup joined onto a dataset on its way into silver (e.g. products get the English
 * category name). Rows without a match are kept, with {@code flag} false.
 *
 * @param dataset the lookup dataset (its silver table is broadcast)
 * @param on      join columns, present in both datasets
 * @param add     lookup columns copied onto the dataset
 * @param flag    boolean column telling whether the lookup matched
 */
public record EnrichSpec(String dataset, List<String> on, List<String> add, String flag) {
  public EnrichSpec {
    if (dataset == null) {
      throw new IllegalArgumentException("enrich needs the lookup 'dataset'");
    }
    on = on == null ? List.of() : List.copyOf(on);
    add = add == null ? List.of() : List.copyOf(add);
    if (on.isEmpty() || add.isEmpty()) {
      throw new IllegalArgumentException("enrich from '" + dataset + "' needs 'on' and 'add' columns");
    }
    if (flag == null || !ColumnSpec.IDENTIFIER.matcher(flag).matches()) {
      throw new IllegalArgumentException("enrich from '" + dataset + "' needs a valid 'flag' column name");
    }
  }
}
