package io.lakeingest.job.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_timestamp;

import io.lakeingest.job.config.ColumnSpec;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.config.JobConfigLoader;
import io.lakeingest.job.source.CsvSource;
import io.lakeingest.job.spark.SparkSessions;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code floor}: the benchmark's lower bound. Plain Spark reads the same CSV files with the
 * registry's schema and the job's CSV options and writes each dataset to Delta: no lineage,
 * no quality checks, no dedupe, no MERGE, no ledger. What the job adds is measured against it.
 *
 * <p>With {@code --layers 2} it is the floor of any design that lands raw text before typing
 * it, as bronze and silver do: the CSV is written as text, read back, cast and written again.
 */
@Command(name = "floor", hidden = true, mixinStandardHelpOptions = true,
    description = "Benchmark floor: plain Spark CSV -> Delta of the same files, no pipeline.")
public final class FloorCommand implements Callable<Integer> {
  @Spec
  CommandSpec command;

  @Option(names = "--input", required = true, paramLabel = "<folder>",
      description = "Local folder of CSV files named as the registry expects.")
  File input;

  @Option(names = "--out", required = true, paramLabel = "<folder>",
      description = "Where the Delta tables go (replaced).")
  String out;

  @Option(names = "--env", defaultValue = "local", paramLabel = "<name>",
      description = "Environment whose Spark settings are used, as for run. Default: ${DEFAULT-VALUE}.")
  String env;

  @Option(names = "--layers", defaultValue = "1", paramLabel = "<1|2>",
      description = "1: CSV read typed, written once. 2: CSV written as text, then read back, "
          + "cast and written again. Default: ${DEFAULT-VALUE}.")
  int layers;

  @Override
  public Integer call() {
    if (layers != 1 && layers != 2) {
      throw new picocli.CommandLine.ParameterException(command.commandLine(),
          "--layers must be 1 or 2, not " + layers);
    }
    JobConfig config = new JobConfigLoader().load(new JobConfigLoader.Arguments(
        input.getPath(), out, env, null, null, java.util.Map.of(), "floor"));
    SparkSession spark = SparkSessions.create("benchmark floor", config.spark());
    // Impossible dates (the sample's planted 2017-02-30) become nulls instead of failing the read.
    spark.conf().set("spark.sql.legacy.timeParserPolicy", "CORRECTED");
    int tables = 0;
    try {
      for (DatasetSpec spec : config.registry().datasets()) {
        List<String> files = new ArrayList<>();
        File[] listed = input.listFiles();
        for (File file : listed == null ? new File[0] : listed) {
          if (spec.matches(file.getName()) && file.getName().endsWith(".csv")) {
            files.add(file.getPath());
          }
        }
        if (files.isEmpty()) {
          continue;
        }
        StructType typed = new StructType();
        StructType text = new StructType();
        for (ColumnSpec column : spec.columns()) {
          typed = typed.add(column.name(), column.type().sparkType());
          text = text.add(column.name(), DataTypes.StringType);
        }
        String format = config.registry().source().timestampFormat();
        String[] paths = files.toArray(String[]::new);
        // As the job reads them: a dataset whose records may hold quoted line breaks whole,
        // one task per file; any other in splits, one task each.
        boolean multiline = config.registry().policy(spec).multiline();
        if (layers == 1) {
          read(spark, typed, format, multiline, paths).write().format("delta").mode("overwrite")
              .save(out + "/floor/" + spec.name());
        } else {
          String raw = out + "/raw/" + spec.name();
          read(spark, text, format, multiline, paths).write().format("delta").mode("overwrite").save(raw);
          List<Column> casts = new ArrayList<>();
          for (ColumnSpec column : spec.columns()) {
            casts.add(cast(col(column.name()), column.type().sparkType(), format).as(column.name()));
          }
          spark.read().format("delta").load(raw).select(casts.toArray(Column[]::new))
              .write().format("delta").mode("overwrite").save(out + "/typed/" + spec.name());
        }
        tables++;
      }
    } finally {
      spark.stop();
    }
    command.commandLine().getOut().printf("floor tables=%d layers=%d%n", tables, layers);
    return 0;
  }

  private static Dataset<Row> read(SparkSession spark, StructType schema, String timestampFormat,
      boolean multiline, String[] paths) {
    return spark.read().schema(schema)
        .options(CsvSource.csvOptions(multiline))
        .option("header", "true")
        .option("timestampFormat", timestampFormat)
        .csv(paths);
  }

  private static Column cast(Column text, DataType type, String timestampFormat) {
    if (type.equals(DataTypes.TimestampType)) {
      return to_timestamp(text, timestampFormat);
    }
    return type.equals(DataTypes.StringType) ? text : text.cast(type);
  }
}
