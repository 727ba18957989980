package io.lakeingest.job.cli;

import io.lakeingest.job.sample.OlistSampleGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code generate-sample}: write deterministic Olist-shaped files into a folder. */
@Command(name = "generate-sample", mixinStandardHelpOptions = true,
    description = "Write a deterministic Olist-shaped sample (all nine files) into a folder.")
public final class GenerateSampleCommand implements Callable<Integer> {
  @Spec
  CommandSpec command;

  @Option(names = "--scale", required = true, paramLabel = "<factor>",
      description = "1.0 gives about the real dataset's row counts (~1.5M rows); 0.01 is a quick demo.")
  double scale;

  @Option(names = "--out", required = true, paramLabel = "<folder>",
      description = "Folder to write into (created if missing), e.g. work/incoming.")
  Path out;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "<n>",
      description = "Random seed; the same scale and seed give the same bytes. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--daily-batch-orders", paramLabel = "<n>",
      description = "Instead of the full sample, write the next day's export for it: <n> new orders "
          + "with their customers, items, payments and reviews (about 5 rows per order), and status "
          + "updates of its most recent <n>/4 orders. Use the same --scale and --seed as the sample.")
  Integer dailyBatchOrders;

  @Override
  public Integer call() throws IOException {
    if (!(scale > 0 && scale <= 100)) {
      throw new ParameterException(command.commandLine(),
          "--scale must be greater than 0 and at most 100, got " + scale);
    }
    if (dailyBatchOrders != null && dailyBatchOrders < 1) {
      throw new ParameterException(command.commandLine(),
          "--daily-batch-orders must be at least 1, got " + dailyBatchOrders);
    }
    OlistSampleGenerator generator = new OlistSampleGenerator(scale, seed);
    List<Path> files = dailyBatchOrders == null
        ? generator.writeTo(out) : generator.writeDailyBatchTo(out, dailyBatchOrders);
    long bytes = 0;
    for (Path file : files) {
      bytes += Files.size(file);
    }
    command.commandLine().getOut().printf("Wrote %d files (%.1f MB) to %s%n",
        files.size(), bytes / 1e6, out.toAbsolutePath());
    return 0;
  }
}
