package io.lakeingest.job.aws;

import io.lakeingest.trigger.testing.MotoServer;
import io.lakeingest.trigger.testing.PythonEnv;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.Configuration;

/**
 * Runs an EMR step's {@code spark-submit} arguments through a real spark-submit: PySpark's
 * distribution of the same Spark version as the build (Spark's own jars first on the
 * classpath, as on EMR), master {@code local-cluster[2,1,2048]} so the two executors are
 * separate JVMs. What the cluster would add is added the way EMR adds it: its spark-defaults
 * (read back from the emulator's DescribeCluster), and for s3:// what EMRFS gives, here s3a
 * (hadoop-aws on driver and executor class paths) against the emulator.
 *
 * <p>One change to the step's own arguments: {@code --deploy-mode cluster} becomes
 * {@code client}, since spark-submit refuses cluster deploy mode with a local master; the
 * driver then runs in spark-submit's JVM instead of a YARN container.
 */
final class SparkSubmit {
  static final String MASTER = "local-cluster[2,1,2048]";

  record Outcome(int exitCode, List<String> command, String log) {}

  private final Path sparkHome;
  private final MotoServer moto;
  private final Cluster cluster;

  /** A private SPARK_HOME of links into PySpark's, so executor work folders stay in the test's temp folder. */
  SparkSubmit(Path sparkHome, MotoServer moto, Cluster cluster) throws IOException, InterruptedException {
    this.moto = moto;
    this.cluster = cluster;
    this.sparkHome = sparkHome;
    Path pyspark = PythonEnv.sparkHome();
    Files.createDirectories(sparkHome);
    for (String part : List.of("bin", "jars", "python")) {
      if (Files.exists(pyspark.resolve(part)) && !Files.exists(sparkHome.resolve(part))) {
        Files.createSymbolicLink(sparkHome.resolve(part), pyspark.resolve(part));
      }
    }
  }

  Map<String, String> s3aSettings() {
    Map<String, String> s3a = new LinkedHashMap<>();
    s3a.put("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    s3a.put("spark.hadoop.fs.s3a.endpoint", moto.endpoint().toString());
    s3a.put("spark.hadoop.fs.s3a.endpoint.region", MotoServer.REGION.id());
    s3a.put("spark.hadoop.fs.s3a.path.style.access", "true");
    s3a.put("spark.hadoop.fs.s3a.connection.ssl.enabled", "false");
    s3a.put("spark.hadoop.fs.s3a.aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    s3a.put("spark.hadoop.fs.s3a.access.key", MotoServer.ACCESS_KEY);
    s3a.put("spark.hadoop.fs.s3a.secret.key", MotoServer.SECRET_KEY);
    s3a.put("spark.hadoop.fs.s3a.fast.upload.buffer", "bytebuffer");
    return s3a;
  }

  Outcome run(List<String> stepArgs, Path summaryJson, Path log) throws IOException, InterruptedException {
    if (stepArgs.isEmpty() || !"spark-submit".equals(stepArgs.get(0))) {
      throw new AssertionError("Not a spark-submit step: " + stepArgs);
    }
    List<String> command = new ArrayList<>();
    command.add(sparkHome.resolve("bin/spark-submit").toString());
    command.addAll(List.of("--master", MASTER));
    Map<String, String> conf = new LinkedHashMap<>();
    for (Configuration c : cluster.configurations()) {
      if ("spark-defaults".equals(c.classification())) {
        conf.putAll(c.properties());
      }
    }
    conf.putAll(s3aSettings());
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.executor.memory", "1g");
    String s3aJars = s3aJars();
    conf.put("spark.executor.extraClassPath", s3aJars);
    conf.forEach((k, v) -> command.addAll(List.of("--conf", k + "=" + v)));
    command.addAll(List.of("--driver-class-path", s3aJars));
    // What the instance profile and metadata give the driver on EMR: region and credentials,
    // here for the emulator (the job's relocated SDK reads these properties too).
    command.addAll(List.of("--driver-java-options", String.join(" ",
        "-Daws.region=" + MotoServer.REGION.id(),
        "-Daws.accessKeyId=" + MotoServer.ACCESS_KEY,
        "-Daws.secretAccessKey=" + MotoServer.SECRET_KEY,
        "-Daws.endpointUrlCloudWatch=" + moto.endpoint(),
        "-Daws.endpointUrlGlue=" + moto.endpoint())));
    List<String> own = new ArrayList<>(stepArgs.subList(1, stepArgs.size()));
    int deployMode = own.indexOf("--deploy-mode");
    if (deployMode >= 0) {
      own.set(deployMode + 1, "client");
    }
    command.addAll(own);
    command.addAll(List.of("--summary-json", summaryJson.toString()));

    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().remove("SPARK_CONF_DIR");
    Process process = builder.start();
    if (!process.waitFor(6, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      return new Outcome(-1, command, tail(log));
    }
    return new Outcome(process.exitValue(), command, tail(log));
  }

  /** The command line of every executor JVM the local cluster's workers started. */
  List<String> executorCommands() throws IOException {
    Path work = sparkHome.resolve("work");
    if (!Files.isDirectory(work)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(work)) {
      return files.filter(p -> p.getFileName().toString().equals("stderr"))
          .map(SparkSubmit::firstLine).toList();
    }
  }

  private static String firstLine(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(l -> l.startsWith("Spark Executor Command:")).findFirst().orElse("(none in " + file + ")");
    } catch (IOException e) {
      return "(unreadable " + file + ")";
    }
  }

  /** hadoop-aws and the AWS SDK bundle it needs, as resolved for this build's Hadoop. */
  private static String s3aJars() {
    List<String> jars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("hadoop-aws-") || name.startsWith("aws-java-sdk-bundle-")) {
        jars.add(entry);
      }
    }
    if (jars.size() != 2) {
      throw new AssertionError("hadoop-aws and aws-java-sdk-bundle not on the test class path: " + jars);
    }
    return String.join(File.pathSeparator, jars);
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
