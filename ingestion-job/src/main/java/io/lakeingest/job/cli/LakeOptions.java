package io.lakeingest.job.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options naming a lakehouse and its settings, shared by the commands that open one. */
public final class LakeOptions {
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

  @Option(names = "--spark-conf", paramLabel = "<key=value>",
      description = "Spark setting overriding the environment's (repeatable).")
  Map<String, String> sparkConf = new LinkedHashMap<>();
}
