package io.lakeingest.job.silver;

import static io.lakeingest.job.spark.SparkIdentifiers.quoted;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.delta.tables.DeltaTable;

import io.lakeingest.job.config.DatasetRegistry;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.EnrichSpec;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.lake.DeltaRetry;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.lake.LakeLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the registry's lookups onto a batch with a broadcast join (lookups are small
 * dimension tables). A row without a match keeps null lookup columns and a false flag,
 * so an untranslated category is visible rather than dropped.
 */
final class Enrichment {
  private static final Logger LOG = LoggerFactory.getLogger(Enrichment.class);
  private static final String LOOKUP_PREFIX = "_lookup_";

  private final SparkSession spark;
  private final JobConfig config;
  private final DeltaTables tables;

  Enrichment(SparkSession spark, JobConfig config, DeltaTables tables) {
    this.spark = spark;
    this.config = config;
    this.tables = tables;
  }

  Dataset<Row> apply(DatasetSpec spec, Dataset<Row> batch) {
    Dataset<Row> enriched = batch;
    for (EnrichSpec lookup : spec.enrich()) {
      enriched = join(enriched, lookup, config.registry());
    }
    return enriched;
  }

  /**
   * After {@code lookupSpec}'s silver table changed, brings every dataset enriched from it up
   * to date: rows whose lookup now matches, or matches with other values, are updated, so the
   * result does not depend on whether the lookup or the dataset arrived first. The rows keep
   * their version (ordering and arrival): enrichment is not a newer record.
   */
  void refreshDependents(DatasetSpec lookupSpec) {
    String lookupPath = LakeLayout.of(config).silver(lookupSpec.name());
    for (DatasetSpec dependent : config.registry().datasets()) {
      for (EnrichSpec lookup : dependent.enrich()) {
        String path = LakeLayout.of(config).silver(dependent.name());
        if (!lookup.dataset().equals(lookupSpec.name())
            || tables.latestVersion(path) == DeltaTables.NO_VERSION) {
          continue;
        }
        Dataset<Row> small = lookupColumns(tables.read(lookupPath), lookup);
        Column condition = null;
        Column stale = not(col("t." + quoted(lookup.flag())));
        Map<String, Column> set = new LinkedHashMap<>();
        for (String column : lookup.on()) {
          Column equal = col("t." + quoted(column)).equalTo(col("s." + LOOKUP_PREFIX + column));
          condition = condition == null ? equal : condition.and(equal);
        }
        for (String column : lookup.add()) {
          Column target = col("t." + quoted(column));
          Column source = col("s." + quoted(column));
          stale = stale.or(not(target.eqNullSafe(source)));
          set.put(quoted(column), source);
        }
        set.put(quoted(lookup.flag()), lit(true));
        Column matched = condition;
        Column changed = stale;
        DeltaRetry.onConflict(() -> {
          tables.countedCommand(path, () -> DeltaTable.forPath(spark, path).as("t")
              .merge(broadcast(small).as("s"), matched).whenMatched(changed).update(set).execute());
          return null;
        });
        LOG.info("Refreshed {} from the changed lookup {}", dependent.name(), lookupSpec.name());
      }
    }
  }

  private static Dataset<Row> lookupColumns(Dataset<Row> table, EnrichSpec lookup) {
    Column[] selected = java.util.stream.Stream.concat(
            lookup.on().stream().map(c -> col(quoted(c)).as(LOOKUP_PREFIX + c)),
            lookup.add().stream().map(c -> col(quoted(c))))
        .toArray(Column[]::new);
    return table.select(selected);
  }

  private Dataset<Row> join(Dataset<Row> batch, EnrichSpec lookup, DatasetRegistry registry) {
    String path = LakeLayout.of(config).silver(lookup.dataset());
    DatasetSpec lookupSpec = registry.dataset(lookup.dataset()).orElseThrow();
    if (tables.latestVersion(path) == DeltaTables.NO_VERSION) {
      LOG.warn("Lookup {} has no silver table yet: {} loads with {} = false",
          lookup.dataset(), lookup.add(), lookup.flag());
      Dataset<Row> result = batch;
      for (String column : lookup.add()) {
        result = result.withColumn(column, lit(null).cast(typeOf(lookupSpec, column)));
      }
      return result.withColumn(lookup.flag(), lit(false));
    }
    Dataset<Row> small = lookupColumns(tables.read(path), lookup)
        .withColumn(LOOKUP_PREFIX + "hit", lit(true));
    Column condition = null;
    for (String column : lookup.on()) {
      Column equal = batch.col(quoted(column)).equalTo(small.col(LOOKUP_PREFIX + column));
      condition = condition == null ? equal : condition.and(equal);
    }
    Dataset<Row> joined = batch.join(broadcast(small), condition, "left")
        .withColumn(lookup.flag(), col(LOOKUP_PREFIX + "hit").isNotNull());
    for (String column : lookup.on()) {
      joined = joined.drop(LOOKUP_PREFIX + column);
    }
    return joined.drop(LOOKUP_PREFIX + "hit");
  }

  private static org.apache.spark.sql.types.DataType typeOf(DatasetSpec spec, String column) {
    return spec.columns().stream().filter(c -> c.name().equals(column)).findFirst()
        .map(c -> c.type().sparkType()).orElse(DataTypes.StringType);
  }
}
