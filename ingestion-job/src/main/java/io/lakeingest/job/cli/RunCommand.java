package io.lakeingest.job.cli;

import io.lakeingest.job.catalog.GlueCatalog;
import io.lakeingest.job.catalog.LakeTable;
import io.lakeingest.job.catalog.TableDefinition;
import io.lakeingest.job.config.CatalogSettings;
import io.lakeingest.job.config.ConfigLocations;
import io.lakeingest.job.config.FaultPoint;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.config.JobConfigLoader;
import io.lakeingest.job.pipeline.Pipeline;
import io.lakeingest.job.spark.SparkSessions;
import io.lakeingest.job.lake.DeltaActivity;
import io.lakeingest.job.summary.RunSummary;
import io.lakeingest.job.summary.SummaryTable;
import io.lakeingest.job.warehouse.Credentials;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code run}: ingest a file, folder or URI into the lakehouse. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Ingest a file, a folder of files or a URI into the lakehouse.")
public final class RunCommand implements Callable<Integer> {
  @Spec
  CommandSpec command;

  @Mixin
  LakeOptions lakeOptions;

  @Option(names = "--input", required = true, paramLabel = "<file|folder|URI>",
      description = "What to ingest: a file, a folder (its files), or an s3a:// / s3:// URI.")
  String input;

  @Option(names = "--summary-json", paramLabel = "<file>",
      description = "Write the run summary as JSON to this local file.")
  Path summaryJson;

  @Option(names = "--run-id", paramLabel = "<id>",
      description = "Run id stamped on every row and commit. Default: generated.")
  String runId;

  @Option(names = "--catalog-database", paramLabel = "<name>",
      description = "Register the lake's tables in this AWS Glue database after the run. "
          + "Default: the environment's catalog setting (the stack's job settings name its own).")
  String catalogDatabase;

  @Option(names = "--crash-at", hidden = true, defaultValue = "NONE",
      description = "Test hook: crash on purpose at this point (AFTER_BRONZE, AFTER_SILVER, AFTER_LEDGER).")
  FaultPoint crashAt;

  @Option(names = "--crash-by-halt", hidden = true,
      description = "Test hook: crash by halting the JVM, as a killed process would.")
  boolean crashByHalt;

  private CatalogSettings catalog(JobConfig config) {
    if (catalogDatabase == null) {
      return config.environment().catalog();
    }
    try {
      return new CatalogSettings("glue", catalogDatabase);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(command.commandLine(),
          "--catalog-database: " + e.getMessage());
    }
  }

  @Override
  public Integer call() {
    JobConfig config = new JobConfigLoader().load(new JobConfigLoader.Arguments(
        input, lakeOptions.lake, lakeOptions.env, lakeOptions.configFile,
        summaryJson == null ? null : summaryJson.toString(), lakeOptions.sparkConf, runId, crashAt,
        crashByHalt));
    LakeLocation.problem(config.lake(), ConfigLocations.hadoopConf(config.spark().conf()))
        .ifPresent(problem -> {
          // A bad --lake is a bad command line (exit 2); a bad lake setting fails the run.
          if (lakeOptions.lake != null) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(),
                problem.getMessage());
          }
          throw problem;
        });
    CatalogSettings catalog = catalog(config);
    // Resolved and checked before Spark starts, so a missing or unusable login fails in a
    // second, not after a load.
    Credentials credentials = config.environment().warehouse().enabled()
        ? Credentials.resolve(config.environment().warehouse(), System.getenv())
            .requireUsableFor(config.environment().warehouse())
        : null;
    GlueCatalog glue = catalog.glue() ? GlueCatalog.connect(catalog.database()) : null;
    SparkSession spark = SparkSessions.create("olist-ingestion " + config.runId(), config.spark());
    try {
      RunSummary summary = new Pipeline(spark, config, credentials).run()
          .withDelta(DeltaActivity.of(config.runId()).counts());
      if (summaryJson != null) {
        summary.writeJson(summaryJson);
      }
      command.commandLine().getOut().print(SummaryTable.render(summary));
      command.commandLine().getOut().flush();
      if (glue != null) {
        // Last, after the files are archived: a catalog that cannot be reached fails the run
        // (an alert), but holds back no data, and the next run registers every table again.
        glue.register(TableDefinition.existing(spark,
            LakeTable.all(config, spark.sparkContext().hadoopConfiguration())));
      }
      return 0;
    } finally {
      spark.stop();
      if (glue != null) {
        glue.close();
      }
    }
  }
}
