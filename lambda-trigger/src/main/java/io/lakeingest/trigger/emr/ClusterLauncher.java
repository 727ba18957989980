package io.lakeingest.trigger.emr;

import io.lakeingest.trigger.config.TriggerConfig;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.AutoTerminationPolicy;
import software.amazon.awssdk.services.emr.model.Configuration;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.model.MarketType;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.Tag;

/**
 * Launches one transient, auto-terminating EMR cluster per invocation with one step per
 * file (or adds the steps to an existing cluster when one is configured). Every step
 * continues on failure, so one failed file never cancels the other files' steps (whose
 * claims would then be held with nothing to run them); the cluster still ends after its last
 * step ({@code KeepJobFlowAliveWhenNoSteps=false}), with idle auto-termination behind it.
 */
public final class ClusterLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterLauncher.class);
  /** AmazonEMRServicePolicy_v2 acts only on clusters (and subnets) that carry this tag. */
  static final String MANAGED_POLICY_TAG = "for-use-with-amazon-emr-managed-policies";

  /** A file to ingest, as the job's --input, with the run id its step passes on. */
  public record Input(String uri, String runId) {}

  private final EmrClient emr;
  private final TriggerConfig config;
  private final StepFactory steps;

  public ClusterLauncher(EmrClient emr, TriggerConfig config) {
    this.emr = emr;
    this.config = config;
    this.steps = new StepFactory(config.job(), config.cluster().namePrefix());
  }

  /** Returns the id of the cluster that runs the steps. */
  public String launch(List<Input> inputs, String invocationId) {
    if (config.existingClusterId() != null) {
      List<StepConfig> stepList = inputs.stream()
          .map(i -> steps.step(i.uri(), i.runId(), ActionOnFailure.CONTINUE)).toList();
      emr.addJobFlowSteps(b -> b.jobFlowId(config.existingClusterId()).steps(stepList));
      LOG.info("Added {} step(s) to cluster {}", stepList.size(), config.existingClusterId());
      return config.existingClusterId();
    }
    RunJobFlowRequest request = runJobFlowRequest(inputs, invocationId);
    String clusterId = emr.runJobFlow(request).jobFlowId();
    LOG.info("Launched cluster {} ({}) with {} step(s)", clusterId, request.name(), inputs.size());
    return clusterId;
  }

  RunJobFlowRequest runJobFlowRequest(List<Input> inputs, String invocationId) {
    TriggerConfig.Cluster cluster = config.cluster();
    JobFlowInstancesConfig.Builder instances = JobFlowInstancesConfig.builder()
        .keepJobFlowAliveWhenNoSteps(false)
        .terminationProtected(false)
        .instanceGroups(
            InstanceGroupConfig.builder().name("primary").instanceRole(InstanceRoleType.MASTER)
                .market(MarketType.ON_DEMAND).instanceType(cluster.primaryInstanceType())
                .instanceCount(1).build(),
            InstanceGroupConfig.builder().name("core").instanceRole(InstanceRoleType.CORE)
                .market(cluster.coreOnSpot() ? MarketType.SPOT : MarketType.ON_DEMAND)
                .instanceType(cluster.coreInstanceType())
                .instanceCount(cluster.coreInstanceCount()).build());
    instances.ec2SubnetId(cluster.subnetId());
    RunJobFlowRequest.Builder request = RunJobFlowRequest.builder()
        .name(cluster.namePrefix() + "-" + invocationId)
        .releaseLabel(cluster.releaseLabel())
        .applications(Application.builder().name("Spark").build())
        .instances(instances.build())
        .autoTerminationPolicy(AutoTerminationPolicy.builder()
            .idleTimeout((long) cluster.idleTimeoutSeconds()).build())
        .logUri(cluster.logUri())
        .serviceRole(cluster.serviceRole())
        .jobFlowRole(cluster.instanceProfile())
        .visibleToAllUsers(true)
        .configurations(sparkDefaults())
        .tags(tags(cluster.tags()))
        .steps(inputs.stream()
            .map(i -> steps.step(i.uri(), i.runId(), ActionOnFailure.CONTINUE)).toList());
    if (cluster.securityConfiguration() != null) {
      request.securityConfiguration(cluster.securityConfiguration());
    }
    return request.build();
  }

  /** Delta comes in the job jar; the cluster only needs Spark told to load it, and to publish metrics. */
  static Configuration sparkDefaults() {
    return Configuration.builder().classification("spark-defaults").properties(Map.of(
        "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
        "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
        "spark.sql.session.timeZone", "UTC",
        // The job publishes its per-file metrics with PutMetricData (its alarms read them).
        "spark.lakeingest.metrics.cloudwatch", "true"))
        .build();
  }

  private static List<Tag> tags(Map<String, String> tags) {
    Map<String, String> all = new java.util.LinkedHashMap<>(tags);
    all.put(MANAGED_POLICY_TAG, "true");
    return all.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }
}
