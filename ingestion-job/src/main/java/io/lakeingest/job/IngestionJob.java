package io.lakeingest.job;

import io.lakeingest.job.cli.FloorCommand;
import io.lakeingest.job.cli.GenerateSampleCommand;
import io.lakeingest.job.cli.MaintainCommand;
import io.lakeingest.job.cli.RunCommand;
import io.lakeingest.job.cli.SqlCommand;
import io.lakeingest.job.errors.IngestionException;
import io.lakeingest.job.errors.InvalidSettingsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the job jar: {@code run} ingests files, {@code maintain} compacts and
 * vacuums the lake, {@code generate-sample} writes Olist-shaped sample data. Exit codes:
 * 0 done, 1 failed, 2 bad command line or a warehouse setting that cannot work (refused before
 * Spark starts).
 */
@Command(
    name = "ingestion-job",
    mixinStandardHelpOptions = true,
    versionProvider = IngestionJob.Version.class,
    description = "Moves Olist-shaped CSV/xlsx files into a Delta Lake lakehouse.",
    subcommands = {RunCommand.class, MaintainCommand.class, SqlCommand.class, GenerateSampleCommand.class,
        FloorCommand.class, CommandLine.HelpCommand.class})
public final class IngestionJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestionJob.class);

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI without exiting the JVM (tests and embedding use this). */
  public static int execute(String... args) {
    return new CommandLine(new IngestionJob())
        .setExecutionExceptionHandler(IngestionJob::handle)
        .execute(args);
  }

  private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (e instanceof InvalidSettingsException) {
      // Refused before anything ran, like a bad command line.
      cmd.getErr().println("ERROR: " + e.getMessage());
      return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
    if (e instanceof IngestionException) {
      // The message says what, why and what to do: a stack trace would only bury it.
      cmd.getErr().println("ERROR: " + e.getMessage());
      LOG.debug("Failure detail", e);
    } else {
      LOG.error("The run failed unexpectedly", e);
      cmd.getErr().println("ERROR: " + e + " (see the log above for the stack trace)");
    }
    return 1;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = IngestionJob.class.getPackage().getImplementationVersion();
      return new String[] {"ingestion-job " + (version == null ? "(development build)" : version)};
    }
  }
}
