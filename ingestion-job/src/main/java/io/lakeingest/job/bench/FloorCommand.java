package io.lakeingest.job.bench;

import io.lakeingest.job.cli.JobConfigLoader;
import io.lakeingest.job.config.ColumnSpec;
import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.spark.SparkSessions;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code floor}: the benchmark's lower bound. Plain Spark reads the same CSV files with the
 * registry's schema and the job's CSV options and writes each dataset to Delta: no lineage,
 * no quality checks, no dedupe, no MERGE, no ledger. What the job adds is measured against it.
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

  @Override
  public Integer call() {
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
        StructType schema = new StructType();
        for (ColumnSpec column : spec.columns()) {
          schema = schema.add(column.name(), column.type().sparkType());
        }
        var table = spark.read().schema(schema)
            .option("header", "true")
            .option("multiLine", "true")
            .option("quote", "\"")
            .option("escape", "\"")
            .option("timestampFormat", config.registry().source().timestampFormat())
            .csv(files.toArray(String[]::new));
        table.write().format("delta").mode("overwrite").save(out + "/floor/" + spec.name());
        tables++;
      }
    } finally {
      spark.stop();
    }
    command.commandLine().getOut().printf("floor tables=%d%n", tables);
    return 0;
  }
}
