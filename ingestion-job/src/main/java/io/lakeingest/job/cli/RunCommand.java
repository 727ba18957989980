package io.lakeingest.job.cli;

import io.lakeingest.job.FaultPoint;
import io.lakeingest.job.Pipeline;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.spark.SparkSessions;
import io.lakeingest.job.summary.RunSummary;
import io.lakeingest.job.summary.SummaryTable;
import io.lakeingest.job.warehouse.Credentials;
import io.lakeingest.job.warehouse.WarehousePublisher;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code run}: ingest a file, folder or URI into the lakehouse. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Ingest a file, a folder of files or a URI into the lakehouse.")
public final class RunCommand implements Callable<Integer> {
  @Spec
  CommandSpec command;

  @Option(names = "--input", required = true, paramLabel = "<file|folder|URI>",
      description = "What to ingest: a file, a folder (its files), or an s3a:// / s3:// URI.")
  String input;

  @Option(names = "--lake", paramLabel = "<URI>",
      description = "Lakehouse root; tables live at <lake>/bronze/<dataset>, ... "
          + "Default: the environment's 'lake'.")
  String lake;

  @Option(names = "--env", defaultValue = "local", paramLabel = "<name>",
      description = "Environment: config/environments/<name>.yaml (local, dev, prod). "
          + "Default: ${DEFAULT-VALUE}.")
  String env;

  @Option(names = "--config", paramLabel = "<file>",
      description = "Environment settings file to use instead of the bundled one "
          + "(local path, s3:// or s3a:// URI).")
  String configFile;

  @Option(names = "--summary-json", paramLabel = "<file>",
      description = "Write the run summary as JSON to this local file.")
  Path summaryJson;

  @Option(names = "--spark-conf", paramLabel = "<key=value>",
      description = "Spark setting overriding the environment's (repeatable).")
  Map<String, String> sparkConf = new LinkedHashMap<>();

  @Option(names = "--run-id", paramLabel = "<id>",
      description = "Run id stamped on every row and commit. Default: generated.")
  String runId;

  @Option(names = "--crash-at", hidden = true, defaultValue = "NONE",
      description = "Test hook: crash on purpose at this point (AFTER_BRONZE, AFTER_SILVER, AFTER_LEDGER).")
  FaultPoint crashAt;

  @Option(names = "--crash-by-halt", hidden = true,
      description = "Test hook: crash by halting the JVM, as a killed process would.")
  boolean crashByHalt;

  @Override
  public Integer call() {
    JobConfig config = new JobConfigLoader().load(new JobConfigLoader.Arguments(
        input, lake, env, configFile, summaryJson == null ? null : summaryJson.toString(),
        sparkConf, runId, crashAt, crashByHalt));
    // Resolved before Spark starts, so missing credentials fail in a second, not after a load.
    Credentials credentials = config.environment().warehouse().enabled()
        ? Credentials.resolve(config.environment().warehouse(), System.getenv())
        : null;
    SparkSession spark = SparkSessions.create("olist-ingestion " + config.runId(), config.spark());
    try {
      RunSummary summary = new Pipeline(spark, config).run();
      if (credentials != null) {
        summary = summary.withPublished(new WarehousePublisher(spark, config, credentials).publishAll());
      }
      if (summaryJson != null) {
        summary.writeJson(summaryJson);
      }
      command.commandLine().getOut().print(SummaryTable.render(summary));
      command.commandLine().getOut().flush();
      return 0;
    } finally {
      spark.stop();
    }
  }
}
