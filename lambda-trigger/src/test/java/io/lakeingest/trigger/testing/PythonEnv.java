package io.lakeingest.trigger.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The project's pinned Python venv (moto, PySpark's spark-submit, delta-rs), via bin/python-env. */
public final class PythonEnv {
  private static Path venv;

  private PythonEnv() {}

  /** Creates the venv on first use (about a minute) and returns its folder. */
  public static synchronized Path venv() throws IOException, InterruptedException {
    if (venv == null) {
      Path script = repositoryRoot().resolve("bin/python-env");
      Process process = new ProcessBuilder(List.of(script.toString()))
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (process.waitFor() != 0) {
        throw new IOException(script + " failed with " + process.exitValue() + ": " + out);
      }
      venv = Path.of(out);
    }
    return venv;
  }

  public static Path python() throws IOException, InterruptedException {
    return venv().resolve("bin/python");
  }

  /** PySpark's folder: a Spark distribution (bin/spark-submit, jars/) of the pinned version. */
  public static Path sparkHome() throws IOException, InterruptedException {
    Path venv = venv();
    try (var pythons = java.nio.file.Files.list(venv.resolve("lib"))) {
      return pythons.map(p -> p.resolve("site-packages/pyspark"))
          .filter(p -> p.resolve("bin/spark-submit").toFile().exists()).findFirst()
          .orElseThrow(() -> new IOException("No PySpark in " + venv + "; is python/requirements.txt installed?"));
    }
  }

  /** The repository root, from a module folder (Maven runs tests there) or the root itself. */
  public static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    return here.resolve("bin/python-env").toFile().exists() ? here : here.getParent();
  }
}
