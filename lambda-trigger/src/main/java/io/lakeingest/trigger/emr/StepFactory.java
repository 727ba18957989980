package io.lakeingest.trigger.emr;

import io.lakeingest.trigger.config.TriggerConfig;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.HadoopJarStepConfig;
import software.amazon.awssdk.services.emr.model.StepConfig;

/** The EMR step that spark-submits the job jar on one file: the job's CLI contract. */
public final class StepFactory {
  static final String JOB_CLASS = "io.lakeingest.job.IngestionJob";
  static final String COMMAND_RUNNER = "command-runner.jar";

  private final TriggerConfig.Job job;
  private final String namePrefix;

  /**
   * {@code namePrefix} starts every step's name ("{prefix}: ingest {file}"), as it starts the
   * cluster's, so the stack's EMR failure rule matches this deployment's steps and no others.
   */
  public StepFactory(TriggerConfig.Job job, String namePrefix) {
    this.job = job;
    this.namePrefix = namePrefix;
  }

  /** Arguments of {@code spark-submit} for one input file. */
  public List<String> sparkSubmitArgs(String inputUri, String runId) {
    List<String> args = new ArrayList<>(List.of("spark-submit", "--deploy-mode", "cluster"));
    if (!job.extraJars().isEmpty()) {
      args.add("--jars");
      args.add(String.join(",", job.extraJars()));
    }
    args.addAll(List.of("--class", JOB_CLASS, job.jarUri(), "run", "--input", inputUri, "--lake", job.lakeUri(), "--env", job.environment(),
        "--run-id", runId));
    if (job.configUri() != null) {
      args.add("--config");
      args.add(job.configUri());
    }
    return args;
  }

  public StepConfig step(String inputUri, String runId, ActionOnFailure onFailure) {
    String name = namePrefix + ": ingest " + inputUri.substring(inputUri.lastIndexOf('/') + 1);
    return StepConfig.builder()
        .name(name.length() > 256 ? name.substring(0, 256) : name)
        .actionOnFailure(onFailure)
        .hadoopJarStep(HadoopJarStepConfig.builder()
            .jar(COMMAND_RUNNER)
            .args(sparkSubmitArgs(inputUri, runId))
            .build())
        .build();
  }
}
