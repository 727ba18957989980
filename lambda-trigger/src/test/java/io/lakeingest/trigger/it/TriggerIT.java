package io.lakeingest.trigger.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.jr.ob.JSON;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.lakeingest.trigger.AwsClients;
import io.lakeingest.trigger.S3EventHandler;
import io.lakeingest.trigger.SqsEventHandler;
import io.lakeingest.trigger.Trigger;
import io.lakeingest.trigger.config.TriggerConfig;
import io.lakeingest.trigger.testing.InProcessS3;
import io.lakeingest.trigger.testing.TriggerEnv;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The handlers with the real AWS SDK over HTTP: EMR is a WireMock stub that records the
 * requests, S3 (for claims) is s3proxy. Asserts the RunJobFlow request field by field.
 */
class TriggerIT {
  private static final String RUN_JOB_FLOW = "ElasticMapReduce.RunJobFlow";
  private static InProcessS3 s3Server;
  private static S3Client s3;
  private WireMockServer emrStub;
  private Trigger trigger;

  @BeforeAll
  static void startS3() throws Exception {
    s3Server = new InProcessS3();
    s3 = s3Server.client();
    s3.createBucket(b -> b.bucket("olist-artifacts"));
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3Server.close();
  }

  @BeforeEach
  void startEmrStub() {
    emrStub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    emrStub.start();
    emrStub.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(RUN_JOB_FLOW))
        .willReturn(okJson("{\"JobFlowId\":\"j-2AXXXXXXGAPLF\","
            + "\"ClusterArn\":\"arn:aws:elasticmapreduce:eu-west-1:123456789012:cluster/j-2AXXXXXXGAPLF\"}")));
    trigger = trigger(Map.of("CLAIM_PREFIX", "claims/" + UUID.randomUUID() + "/"));
  }

  @AfterEach
  void stopEmrStub() {
    emrStub.stop();
  }

  private Trigger trigger(Map<String, String> overrides) {
    Map<String, String> env = TriggerEnv.valid();
    env.putAll(overrides);
    EmrClient emr = AwsClients.emr()
        .endpointOverride(URI.create(emrStub.baseUrl()))
        .region(Region.EU_WEST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .build();
    return new Trigger(TriggerConfig.fromEnv(env), s3, emr);
  }

  private static Context context(String requestId) {
    return (Context) Proxy.newProxyInstance(TriggerIT.class.getClassLoader(),
        new Class<?>[] {Context.class},
        (proxy, method, args) -> method.getName().equals("getAwsRequestId") ? requestId : null);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> runJobFlowBodies() throws Exception {
    List<LoggedRequest> requests = emrStub.findAll(
        postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(RUN_JOB_FLOW)));
    List<Map<String, Object>> bodies = new java.util.ArrayList<>();
    for (LoggedRequest request : requests) {
      bodies.add(JSON.std.mapFrom(request.getBodyAsString()));
    }
    return bodies;
  }

  @Test
  @SuppressWarnings("unchecked")
  void launchesOneTransientClusterWithAStepPerAcceptedFile() throws Exception {
    S3Event event = EventLoader.loadS3Event("events/s3-put.json");

    Trigger.Result result = new S3EventHandler(trigger)
        .handleRequest(event, context("5e1c63a2-7d0e-4c6b-9a51-3b1f2c9d8e01"));

    assertThat(result.clusterId()).isEqualTo("j-2AXXXXXXGAPLF");
    assertThat(result.ignored()).isEqualTo(1);
    List<Map<String, Object>> bodies = runJobFlowBodies();
    assertThat(bodies).hasSize(1);
    Map<String, Object> body = bodies.get(0);
    assertThat(body.get("Name")).isEqualTo("olist-ingestion-5e1c63a27d0e");
    assertThat(body.get("ReleaseLabel")).isEqualTo("emr-7.5.0");
    assertThat(body.get("LogUri")).isEqualTo("s3://olist-logs/emr/");
    assertThat(body.get("ServiceRole")).isEqualTo("olist-emr-service");
    assertThat(body.get("JobFlowRole")).isEqualTo("olist-emr-instance");
    assertThat((List<Map<String, Object>>) body.get("Applications"))
        .containsExactly(Map.of("Name", "Spark"));
    assertThat((Map<String, Object>) body.get("AutoTerminationPolicy"))
        .containsEntry("IdleTimeout", 900);

    Map<String, Object> instances = (Map<String, Object>) body.get("Instances");
    assertThat(instances.get("KeepJobFlowAliveWhenNoSteps")).isEqualTo(false);
    assertThat(instances.get("Ec2SubnetId")).isEqualTo("subnet-0abc");
    List<Map<String, Object>> groups = (List<Map<String, Object>>) instances.get("InstanceGroups");
    assertThat(groups).extracting(g -> g.get("InstanceRole") + "/" + g.get("Market"))
        .containsExactly("MASTER/ON_DEMAND", "CORE/SPOT");

    List<Map<String, Object>> configurations = (List<Map<String, Object>>) body.get("Configurations");
    assertThat(configurations.get(0).get("Classification")).isEqualTo("spark-defaults");
    assertThat((Map<String, Object>) configurations.get(0).get("Properties"))
        .containsEntry("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .containsEntry("spark.sql.catalog.spark_catalog",
            "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .containsEntry("spark.lakeingest.metrics.cloudwatch", "true");
    assertThat((List<Map<String, Object>>) body.get("Tags"))
        .contains(Map.of("Key", "project", "Value", "olist"),
            Map.of("Key", "for-use-with-amazon-emr-managed-policies", "Value", "true"));

    List<Map<String, Object>> steps = (List<Map<String, Object>>) body.get("Steps");
    assertThat(steps).hasSize(2);
    // A failed file must not cancel the others' steps (their claims would be stranded).
    assertThat(steps).allSatisfy(s -> assertThat(s.get("ActionOnFailure")).isEqualTo("CONTINUE"));
    // The cluster's name prefix starts each step's name too: the stack's EMR failure rule matches on it.
    assertThat(steps.get(0).get("Name")).isEqualTo("olist-ingestion: ingest olist_orders_dataset 2018-09é.csv");
    Map<String, Object> jar = (Map<String, Object>) steps.get(0).get("HadoopJarStep");
    assertThat(jar.get("Jar")).isEqualTo("command-runner.jar");
    assertThat((List<String>) jar.get("Args")).containsExactly(
        "spark-submit", "--deploy-mode", "cluster",
        "--jars", "s3://olist-artifacts/jars/delta-storage-s3-dynamodb-3.3.2.jar",
        "--class", "io.lakeingest.job.IngestionJob",
        "s3://olist-artifacts/jars/ingestion-job.jar", "run",
        "--input", "s3://olist-data/incoming/olist_orders_dataset 2018-09é.csv",
        "--lake", "s3://olist-data/lake", "--env", "prod", "--run-id", "lambda-5e1c63a27d0e-1");
    assertThat((List<String>) ((Map<String, Object>) steps.get(1).get("HadoopJarStep")).get("Args"))
        .contains("s3://olist-data/incoming/olist_order_reviews_dataset.xlsx");
  }

  @Test
  void aRedeliveredEventLaunchesNothingNew() throws Exception {
    S3Event event = EventLoader.loadS3Event("events/s3-put.json");
    S3EventHandler handler = new S3EventHandler(trigger);

    handler.handleRequest(event, context("11111111-aaaa-bbbb-cccc-000000000001"));
    Trigger.Result second = handler.handleRequest(event, context("11111111-aaaa-bbbb-cccc-000000000002"));

    assertThat(second.clusterId()).isNull();
    assertThat(second.duplicates()).isEqualTo(2);
    assertThat(runJobFlowBodies()).hasSize(1);
  }

  @Test
  void aFailedLaunchEscapesAndReleasesItsClaimsForTheRetry() throws Exception {
    emrStub.resetAll();
    emrStub.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"ValidationException\",\"message\":\"Invalid InstanceProfile\"}")));
    S3Event event = EventLoader.loadS3Event("events/s3-put.json");
    S3EventHandler handler = new S3EventHandler(trigger);

    assertThatThrownBy(() -> handler.handleRequest(event, context("22222222-aaaa-bbbb-cccc-000000000001")))
        .hasMessageContaining("Invalid InstanceProfile");

    emrStub.resetAll();
    emrStub.stubFor(post(urlEqualTo("/")).willReturn(okJson("{\"JobFlowId\":\"j-RETRY\"}")));
    Trigger.Result retry = handler.handleRequest(event, context("22222222-aaaa-bbbb-cccc-000000000002"));
    assertThat(retry.clusterId()).isEqualTo("j-RETRY");
  }

  @Test
  void sqsBatchIsOneClusterAndABadMessageIsAnItemFailure() throws Exception {
    SQSEvent event = EventLoader.loadSQSEvent("events/sqs-s3.json");

    SQSBatchResponse response = new SqsEventHandler(trigger)
        .handleRequest(event, context("33333333-aaaa-bbbb-cccc-000000000001"));

    assertThat(response.getBatchItemFailures()).singleElement()
        .satisfies(f -> assertThat(f.getItemIdentifier())
            .isEqualTo("1e4f1a2b-0000-4000-8000-000000000003"));
    assertThat(runJobFlowBodies()).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void addsStepsToAnExistingClusterWhenConfigured() throws Exception {
    emrStub.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target",
        equalTo("ElasticMapReduce.AddJobFlowSteps")).willReturn(okJson("{\"StepIds\":[\"s-1\",\"s-2\"]}")));
    Trigger existing = trigger(Map.of("EXISTING_CLUSTER_ID", "j-LONGLIVED",
        "CLAIM_PREFIX", "claims/" + UUID.randomUUID() + "/"));

    Trigger.Result result = new S3EventHandler(existing).handleRequest(
        EventLoader.loadS3Event("events/s3-put.json"), context("44444444-aaaa-bbbb-cccc-000000000001"));

    assertThat(result.clusterId()).isEqualTo("j-LONGLIVED");
    assertThat(runJobFlowBodies()).isEmpty();
    LoggedRequest add = emrStub.findAll(postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("ElasticMapReduce.AddJobFlowSteps"))).get(0);
    Map<String, Object> body = JSON.std.mapFrom(add.getBodyAsString());
    assertThat(body.get("JobFlowId")).isEqualTo("j-LONGLIVED");
    assertThat((List<Map<String, Object>>) body.get("Steps"))
        .allSatisfy(s -> assertThat(s.get("ActionOnFailure")).isEqualTo("CONTINUE"));
  }
}
