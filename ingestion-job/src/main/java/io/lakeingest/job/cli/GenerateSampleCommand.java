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

  @Override
  public Integer call() throws IOException {
    if (!(scale > 0 && scale <= 100)) {
      throw new ParameterException(command.commandLine(),
          "--scale must be greater than 0 and at most 100, got " + scale);
    }
    List<Path> files = new OlistSampleGenerator(scale, seed).writeTo(out);
    long bytes = 0;
    for (Path file : files) {
      bytes += Files.size(file);
    }
    command.commandLine().getOut().printf("Wrote %d files (%.1f MB) to %s%n",
        files.size(), bytes / 1e6, out.toAbsolutePath());
    return 0;
  }
}
