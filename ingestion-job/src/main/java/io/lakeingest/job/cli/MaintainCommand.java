package io.lakeingest.job.cli;

import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.config.JobConfigLoader;
import io.lakeingest.job.maintenance.LakeMaintenance;
import io.lakeingest.job.spark.SparkSessions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code maintain}: compact and vacuum every table of the lakehouse. */
@Command(name = "maintain", mixinStandardHelpOptions = true,
    description = "Compact (OPTIMIZE) and VACUUM every table of the lakehouse.")
public final class MaintainCommand implements Callable<Integer> {
  @Spec
  CommandSpec command;

  @Mixin
  LakeOptions lakeOptions;

  @Option(names = "--retain-hours", defaultValue = "168", paramLabel = "<hours>",
      description = "Keep files that versions of the last <hours> need (at least 168, "
          + "the default).")
  int retainHours;

  @Override
  public Integer call() {
    if (retainHours < LakeMaintenance.MIN_RETAIN_HOURS) {
      throw new ParameterException(command.commandLine(), String.format(Locale.ROOT,
          "--retain-hours %d is below %d (7 days): a shorter retention can delete files that a"
              + " running job or a time-travel read still needs. Pass %d or more.",
          retainHours, LakeMaintenance.MIN_RETAIN_HOURS, LakeMaintenance.MIN_RETAIN_HOURS));
    }
    JobConfig config = new JobConfigLoader().load(new JobConfigLoader.Arguments(
        null, lakeOptions.lake, lakeOptions.env, lakeOptions.configFile, null,
        lakeOptions.sparkConf, null));
    SparkSession spark = SparkSessions.create("olist-maintenance " + config.runId(), config.spark());
    try {
      List<LakeMaintenance.TableResult> results = new LakeMaintenance(spark, config).run(retainHours);
      PrintWriter out = command.commandLine().getOut();
      out.printf(Locale.ROOT, "%nMaintained %d table(s) under %s%n", results.size(), config.lake());
      out.printf(Locale.ROOT, "%-44s %12s %11s %11s%n", "table", "files before", "files after", "rows");
      for (LakeMaintenance.TableResult r : results) {
        out.printf(Locale.ROOT, "%-44s %12d %11d %11d%n", r.table(), r.filesBefore(), r.filesAfter(),
            r.rows());
      }
      out.flush();
      return 0;
    } finally {
      spark.stop();
    }
  }
}
