package io.lakeingest.job.quality;

import static io.lakeingest.job.spark.SparkIdentifiers.quoted;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.lakeingest.job.config.ColumnSpec;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.SourceFormat;
import io.lakeingest.job.source.SourceColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Types raw records and evaluates the registry's rules on them in one pass. Every record
 * comes out exactly once, either valid or with the list of rules it failed, so
 * loaded + quarantined = read holds by construction and is verified against the commits.
 */
public final class QualityChecker {
  static final String TYPED = "_typed";
  static final String FAILED_RULES = "_failed_rules";
  static final String FAILURE_DETAIL = "_failure_detail";
  static final String VALID = "_valid";
  private static final String FAILED_IDS = "_failed_ids";
  /** Between rule ids while they are collected; ids are names and never contain it. */
  private static final String RULE_SEPARATOR = "\u0001";
  private static final String TYPED_PREFIX = "_t_";

  private final DatasetSpec spec;
  private final SourceFormat format;

  public QualityChecker(DatasetSpec spec, SourceFormat format) {
    this.spec = spec;
    this.format = format;
  }

  /** The input with a typed struct, a validity flag and the failed rules (empty when valid). */
  public Dataset<Row> flag(Dataset<Row> raw) {
    Dataset<Row> typed = raw;
    for (ColumnSpec column : spec.columns()) {
      typed = typed.withColumn(TYPED_PREFIX + column.name(), ColumnTyping.typed(column, format));
    }
    List<QualityRules.Rule> rules = QualityRules.of(spec, name -> TYPED_PREFIX + name);
    // The ids of the failed rules, computed once per record in a projection of its own:
    // validity, the rule list and the messages all read it instead of re-evaluating every
    // rule (which made flagging several times the cost of parsing). concat_ws skips the
    // rules that passed (null) and, unlike array_compact, compiles to plain code.
    Dataset<Row> checked = typed.withColumn(FAILED_IDS, concat_ws(RULE_SEPARATOR,
        rules.stream().map(r -> when(r.failed(), lit(r.id()))).toArray(Column[]::new)));
    Column valid = col(FAILED_IDS).equalTo(lit(""));
    Column messages = concat_ws("; ",
        rules.stream().map(r -> when(r.failed(), r.message())).toArray(Column[]::new));

    List<Column> typedFields = new ArrayList<>();
    for (ColumnSpec column : spec.columns()) {
      typedFields.add(col(TYPED_PREFIX + column.name()).as(column.name()));
    }
    List<Column> output = new ArrayList<>();
    for (String name : raw.columns()) {
      output.add(col(quoted(name)));
    }
    output.add(struct(typedFields.toArray(Column[]::new)).as(TYPED));
    output.add(valid.as(VALID));
    output.add(when(valid, array().cast("array<string>"))
        .otherwise(split(col(FAILED_IDS), RULE_SEPARATOR)).as(FAILED_RULES));
    // Messages only for failing records: they are read from the quarantine alone.
    output.add(when(not(valid), messages).as(FAILURE_DETAIL));
    return checked.select(output.toArray(Column[]::new));
  }

  public static Column isValid() {
    return col(VALID);
  }

  /** Valid records as typed columns plus rescued data and lineage. */
  public Dataset<Row> valid(Dataset<Row> flagged) {
    List<Column> columns = new ArrayList<>();
    for (ColumnSpec column : spec.columns()) {
      columns.add(col(TYPED + "." + column.name()).as(column.name()));
    }
    columns.add(col(SourceColumns.RESCUED));
    for (String lineage : SourceColumns.LINEAGE) {
      columns.add(col(lineage));
    }
    return flagged.filter(isValid()).select(columns.toArray(Column[]::new));
  }

  /** Failing records in the quarantine table's shape, with their raw values as JSON. */
  public Dataset<Row> quarantined(Dataset<Row> flagged) {
    List<Column> rawFields = new ArrayList<>();
    for (String name : spec.columnNames()) {
      rawFields.add(col(quoted(name)));
    }
    rawFields.add(col(SourceColumns.RESCUED));
    rawFields.add(col(SourceColumns.CORRUPT));
    return flagged.filter(isValid().unary_$bang()).select(
        lit(spec.name()).as(QuarantineWriter.DATASET),
        col(SourceColumns.RUN_ID).as("run_id"),
        col(SourceColumns.SOURCE_FILE).as("source_file"),
        col(SourceColumns.SOURCE_ROW).as("source_row"),
        col(FAILED_RULES).as("failed_rules"),
        col(FAILURE_DETAIL).as("failure_detail"),
        to_json(struct(rawFields.toArray(Column[]::new)), Map.of("ignoreNullFields", "false"))
            .as("raw_record"),
        col(SourceColumns.INGESTED_AT).as("quarantined_at"));
  }
}
