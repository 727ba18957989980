package io.lakeingest.job.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's real tools from the Python virtual environment that bin/python-env
 * creates (or reuses) from python/requirements.txt: dbt on the project in {@code dbt/}, and
 * sqlfluff. Each is a child process with its output in a file, stopped in every path.
 */
final class Dbt {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path PROJECT = ROOT.resolve("dbt");
  private static final long TIMEOUT_MINUTES = 10;
  private static Path venv;

  /** Exit code and combined output of one command. */
  record Result(int exit, String output) {
    boolean ok() {
      return exit == 0;
    }
  }

  private Dbt() {}

  /** The venv's folder; bin/python-env installs it on first use (about a minute). */
  static synchronized Path venv() throws IOException, InterruptedException {
    if (venv == null) {
      Result created = run(List.of(ROOT.resolve("bin/python-env").toString()), Map.of(),
          Files.createTempFile("python-env", ".out"));
      if (!created.ok()) {
        throw new IllegalStateException("bin/python-env failed (exit " + created.exit() + "):\n"
            + created.output());
      }
      String[] lines = created.output().strip().split("\n");
      venv = Path.of(lines[lines.length - 1].strip());
    }
    return venv;
  }

  /**
   * {@code dbt <args>} on the project, its profile from dbt/profiles.yml, its target/ and logs
   * under {@code work}, no usage statistics sent.
   */
  static Result dbt(Path work, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Map<String, String> environment = new HashMap<>(env);
    environment.put("DBT_PROFILES_DIR", PROJECT.toString());
    environment.put("DBT_PROJECT_DIR", PROJECT.toString());
    environment.put("DBT_TARGET_PATH", work.resolve("target").toString());
    environment.put("DBT_LOG_PATH", work.resolve("logs").toString());
    environment.put("DBT_SEND_ANONYMOUS_USAGE_STATS", "false");
    List<String> command = new ArrayList<>();
    command.add(venv().resolve("bin/dbt").toString());
    command.addAll(List.of(args));
    Files.createDirectories(work);
    return run(command, environment, Files.createTempFile(work, "dbt-" + args[0], ".out"));
  }

  /** {@code sqlfluff <args>} from the venv. */
  static Result sqlfluff(Path work, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(venv().resolve("bin/sqlfluff").toString());
    command.addAll(List.of(args));
    Files.createDirectories(work);
    return run(command, Map.of(), Files.createTempFile(work, "sqlfluff", ".out"));
  }

  private static Result run(List<String> command, Map<String, String> env, Path output)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
        .redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        throw new IllegalStateException(String.join(" ", command) + " did not finish in "
            + TIMEOUT_MINUTES + " minutes; output so far:\n" + Files.readString(output));
      }
      return new Result(process.exitValue(), Files.readString(output));
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
