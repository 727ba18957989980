package io.lakeingest.job.cli;

import io.lakeingest.job.catalog.LakeTable;
import io.lakeingest.job.catalog.SessionCatalog;
import io.lakeingest.job.catalog.TableDefinition;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.config.JobConfigLoader;
import io.lakeingest.job.errors.IngestionErrors;
import io.lakeingest.job.spark.SparkSessions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sql}: query the lake by table name. Every existing table is registered in Spark's own
 * catalog by location ({@code <database>.orders}, {@code <database>.bronze_orders},
 * {@code <database>.quarantine}, ...), then each query runs and its rows are printed
 * tab-separated under a header line.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Register the lake's tables in Spark's catalog and run SQL queries on them.")
public final class SqlCommand implements Callable<Integer> {
  @Spec
  CommandSpec command;

  @Mixin
  LakeOptions lakeOptions;

  @Option(names = "--database", paramLabel = "<name>",
      description = "Database the tables are registered in. Default: the environment's "
          + "catalog.database, else 'lake'.")
  String database;

  @Option(names = "--max-rows", defaultValue = "1000", paramLabel = "<n>",
      description = "Print at most this many rows per query. Default: ${DEFAULT-VALUE}.")
  int maxRows;

  @Parameters(arity = "1..*", paramLabel = "<query>",
      description = "SQL to run, e.g. \"SELECT order_status, count(*) FROM lake.orders GROUP BY 1\".")
  List<String> queries;

  @Override
  public Integer call() {
    JobConfig config = new JobConfigLoader().load(new JobConfigLoader.Arguments(
        null, lakeOptions.lake, lakeOptions.env, lakeOptions.configFile, null,
        lakeOptions.sparkConf, null));
    String db = database != null ? database : config.environment().catalog().databaseOrDefault();
    try {
      new io.lakeingest.job.config.CatalogSettings("none", db);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(command.commandLine(), e.getMessage());
    }
    SparkSession spark = SparkSessions.create("olist-sql " + config.runId(), config.spark());
    try {
      int tables = new SessionCatalog(spark)
          .register(db, TableDefinition.existing(spark, LakeTable.all(config)));
      PrintWriter out = command.commandLine().getOut();
      out.printf(Locale.ROOT, "-- %d table(s) of %s registered in database %s%n", tables,
          config.lake(), db);
      for (String query : queries) {
        print(out, run(spark, query));
      }
      out.flush();
      return 0;
    } finally {
      spark.stop();
    }
  }

  private static Dataset<Row> run(SparkSession spark, String query) {
    try {
      return spark.sql(query);
    } catch (Exception e) {
      // AnalysisException (and ParseException, a kind of it) is checked in Java's eyes.
      if (e instanceof org.apache.spark.sql.AnalysisException) {
        throw IngestionErrors.queryFailed(query, e);
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  private void print(PrintWriter out, Dataset<Row> result) {
    String[] columns = result.columns();
    out.println(String.join("\t", columns));
    List<Row> rows = result.limit(maxRows + 1).collectAsList();
    rows.stream().limit(maxRows).forEach(row -> out.println(IntStream.range(0, columns.length)
        .mapToObj(i -> row.isNullAt(i) ? "NULL" : String.valueOf(row.get(i)))
        .collect(Collectors.joining("\t"))));
    if (rows.size() > maxRows) {
      out.printf(Locale.ROOT, "-- more than %d rows; only the first %d are shown (--max-rows)%n",
          maxRows, maxRows);
    }
  }
}
