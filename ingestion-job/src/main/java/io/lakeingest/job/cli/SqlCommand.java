package io.lakeingest.job.cli;

import io.lakeingest.job.catalog.LakeTable;
import io.lakeingest.job.catalog.SessionCatalog;
import io.lakeingest.job.catalog.TableDefinition;
import io.lakeingest.job.config.CatalogSettings;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.config.JobConfigLoader;
import io.lakeingest.job.errors.IngestionErrors;
import io.lakeingest.job.spark.SparkSessions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import scala.collection.JavaConverters;

/**
 * {@code sql}: query the lake by table name. Every existing table is registered in Spark's own
 * catalog by location ({@code <database>.orders}, {@code <database>.bronze_orders},
 * {@code <database>.quarantine}, ...), then each query runs and its rows are printed
 * tab-separated under a header line, values as Spark casts them to text in UTC, with
 * {@code \N} for NULL and tab, line breaks and backslash escaped. Queries only: the lake
 * changes through the job, which records each change.
 */
@picocli.CommandLine.Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Register the lake's tables in Spark's catalog and run SQL queries on them.")
public final class SqlCommand implements Callable<Integer> {
  static final int MAX_ROWS_LIMIT = 1_000_000;
  /** Read-only statements that Spark plans as commands. */
  private static final Set<String> READ_ONLY_COMMANDS = Set.of("ShowTables", "ShowTablesExtended",
      "ShowColumns", "ShowNamespaces", "ShowDatabases", "ShowViews", "ShowTableProperties",
      "DescribeRelation", "DescribeTable", "DescribeColumn", "DescribeNamespace",
      "DescribeDatabase", "DescribeDeltaHistory", "DescribeDeltaDetail");
  private static final Set<String> RESERVED_DATABASES = Set.of("global_temp", "default");

  @Spec
  CommandSpec command;

  @Mixin
  LakeOptions lakeOptions;

  @Option(names = "--database", paramLabel = "<name>",
      description = "Database the tables are registered in. Default: the environment's "
          + "catalog.database, else 'lake'.")
  String database;

  @Option(names = "--max-rows", defaultValue = "1000", paramLabel = "<n>",
      description = "Print at most this many rows per query (1 to 1000000). Default: ${DEFAULT-VALUE}.")
  int maxRows;

  @Parameters(arity = "1..*", paramLabel = "<query>",
      description = "SQL to run, e.g. \"SELECT order_status, count(*) FROM lake.orders GROUP BY 1\".")
  List<String> queries;

  @Override
  public Integer call() throws IOException {
    if (maxRows < 1 || maxRows > MAX_ROWS_LIMIT) {
      throw new ParameterException(command.commandLine(), "--max-rows " + maxRows
          + " must be between 1 and " + MAX_ROWS_LIMIT);
    }
    JobConfig config = new JobConfigLoader().load(new JobConfigLoader.Arguments(
        null, lakeOptions.lake, lakeOptions.env, lakeOptions.configFile, null,
        lakeOptions.sparkConf, null));
    String db = database != null ? database : config.environment().catalog().databaseOrDefault();
    try {
      new CatalogSettings("none", db);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), "--database: " + e.getMessage());
    }
    if (RESERVED_DATABASES.contains(db)) {
      throw new ParameterException(command.commandLine(), "--database '" + db
          + "' is Spark's own; choose another name (default 'lake')");
    }
    Path lake = new Path(config.lake());
    if (!lake.getFileSystem(io.lakeingest.job.config.ConfigLocations.hadoopConf(config.sparkConf())).exists(lake)) {
      throw IngestionErrors.unusableLake(config.lake(), "there is nothing there to query; run "
          + "the job with this --lake first, or name the lake it wrote");
    }
    // The catalog's folder is this command's alone: nothing is left in the working folder.
    java.nio.file.Path warehouse = Files.createTempDirectory("lakeingest-sql-");
    SparkSession spark = SparkSessions.create("olist-sql " + config.runId(),
        config.spark().with(Map.of("spark.sql.warehouse.dir", warehouse.toUri().toString())));
    try {
      int tables = new SessionCatalog(spark).register(db, TableDefinition.existing(spark,
          LakeTable.all(config, spark.sparkContext().hadoopConfiguration())));
      PrintWriter out = command.commandLine().getOut();
      out.printf(Locale.ROOT, "-- %d table(s) of %s registered in database %s%n", tables,
          config.lake(), db);
      for (String query : queries) {
        print(out, rows(spark, query));
      }
      out.flush();
      return 0;
    } finally {
      spark.stop();
      org.apache.commons.io.FileUtils.deleteQuietly(warehouse.toFile());
    }
  }

  /** The query's header and at most {@code maxRows + 1} rows, as text; read before printing. */
  private List<List<String>> rows(SparkSession spark, String query) {
    refuseChanges(spark, query);
    try {
      Dataset<Row> result = spark.sql(query);
      String[] names = result.columns();
      // Renamed by position first: a query may return two columns of one name.
      String[] positional = new String[names.length];
      Column[] asText = new Column[names.length];
      for (int i = 0; i < names.length; i++) {
        positional[i] = "_c" + i;
        asText[i] = functions.col(positional[i]).cast("string");
      }
      // Nulls stand for NULL until printed; a header name is never null.
      List<List<String>> lines = new ArrayList<>();
      lines.add(List.of(names));
      for (Row row : result.toDF(positional).select(asText)
          .limit(maxRows + 1).collectAsList()) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
          values.add(row.isNullAt(i) ? null : row.getString(i));
        }
        lines.add(values);
      }
      return lines;
    } catch (Exception e) {
      // AnalysisException is checked in Java's eyes; SparkException wraps a failed execution.
      if (e instanceof org.apache.spark.sql.AnalysisException
          || e instanceof org.apache.spark.SparkException
          || e.getCause() instanceof org.apache.spark.SparkException) {
        throw IngestionErrors.queryFailed(query, e);
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /** Spark runs a command as soon as it is planned, so anything but a query is refused first. */
  private static void refuseChanges(SparkSession spark, String query) {
    LogicalPlan plan;
    try {
      plan = spark.sessionState().sqlParser().parsePlan(query);
    } catch (Exception e) {
      throw IngestionErrors.queryFailed(query, e);
    }
    String change = firstChange(plan);
    if (change == null) {
      // An INSERT parses as a statement and becomes a write command only once analysed; SKIP
      // analyses without running anything.
      try {
        change = firstChange(spark.sessionState()
            .executePlan(plan, org.apache.spark.sql.execution.CommandExecutionMode.SKIP()).analyzed());
      } catch (Exception e) {
        throw IngestionErrors.queryFailed(query, e);
      }
    }
    if (change != null) {
      throw IngestionErrors.notAQuery(query, change);
    }
  }

  private static String firstChange(LogicalPlan plan) {
    String name = plan.getClass().getSimpleName();
    boolean writes = plan instanceof Command
        || plan instanceof org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
    if (writes && !READ_ONLY_COMMANDS.contains(name.replaceAll("Command$", ""))) {
      return name;
    }
    for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
      String found = firstChange(child);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private void print(PrintWriter out, List<List<String>> lines) {
    lines.stream().limit(maxRows + 1L)
        .forEach(values -> out.println(String.join("\t", values.stream().map(SqlCommand::escape).toList())));
    if (lines.size() - 1 > maxRows) {
      out.printf(Locale.ROOT, "-- more than %d rows; only the first %d are shown (--max-rows)%n",
          maxRows, maxRows);
    }
  }

  /** Tab-separated text as PostgreSQL's COPY writes it: \N is NULL, so these are escaped. */
  static String escape(String value) {
    if (value == null) {
      return "\\N";
    }
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }
}
