package io.lakeingest.job.it;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.jr.ob.JSON;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.lakeingest.job.IngestionJob;
import io.lakeingest.job.sample.OlistSampleGenerator;
import io.lakeingest.job.summary.RunSummary;
import io.lakeingest.job.testing.CsvFacts;
import io.lakeingest.job.testing.TestSpark;
import io.lakeingest.job.testing.Workbooks;
import io.lakeingest.trigger.AwsClients;
import io.lakeingest.trigger.SqsEventHandler;
import io.lakeingest.trigger.Trigger;
import io.lakeingest.trigger.config.TriggerConfig;
import io.lakeingest.trigger.testing.InProcessS3;
import io.lakeingest.trigger.testing.TriggerEnv;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The whole path without a cloud: a CSV and an .xlsx land in the in-process S3's incoming/,
 * the Lambda handler gets their S3 notification (through SQS), launches a "cluster" on the
 * stub EMR endpoint, and the job then runs with exactly the step arguments it sent, reading
 * and writing s3:// through s3a against the same S3.
 */
class S3EventToSilverIT {
  private static final String BUCKET = "olist-data";

  @TempDir
  Path tmp;

  @Test
  @SuppressWarnings("unchecked")
  void fileDroppedInIncomingEndsInSilverAuditedAndArchived() throws Exception {
    Path sample = tmp.resolve("sample");
    new OlistSampleGenerator(0.002, 3).writeTo(sample);
    Path sellersCsv = sample.resolve("olist_sellers_dataset.csv");
    List<Map<String, String>> payments = CsvFacts.records(sample.resolve("olist_order_payments_dataset.csv"));
    Path workbook = Workbooks.write(tmp.resolve("olist_order_payments_dataset.xlsx"), wb -> {
      List<List<Object>> rows = new ArrayList<>();
      rows.add(new ArrayList<>(payments.get(0).keySet()));
      payments.forEach(p -> rows.add(new ArrayList<>(p.values())));
      Workbooks.sheet(wb, "Sheet1", rows);
    });

    try (InProcessS3 s3Server = new InProcessS3()) {
      S3Client s3 = s3Server.client();
      s3.createBucket(b -> b.bucket(BUCKET));
      s3.createBucket(b -> b.bucket("olist-artifacts"));
      PutObjectResponse csvPut = s3.putObject(b -> b.bucket(BUCKET)
          .key("incoming/olist_sellers_dataset.csv"), RequestBody.fromFile(sellersCsv));
      PutObjectResponse xlsxPut = s3.putObject(b -> b.bucket(BUCKET)
          .key("incoming/olist_order_payments_dataset.xlsx"), RequestBody.fromFile(workbook));

      List<List<String>> steps = launchThroughTheLambda(s3, List.of(
          notification("incoming/olist_sellers_dataset.csv", Files.size(sellersCsv), csvPut.eTag()),
          notification("incoming/olist_order_payments_dataset.xlsx", Files.size(workbook), xlsxPut.eTag())));

      assertThat(steps).hasSize(2);
      for (List<String> step : steps) {
        List<String> jobArgs = new ArrayList<>(step.subList(step.indexOf("run"), step.size()));
        jobArgs.add("--summary-json");
        jobArgs.add(tmp.resolve(step.get(step.indexOf("--run-id") + 1) + ".json").toString());
        jobArgs.addAll(s3aSettings(s3Server.endpoint()));
        assertThat(IngestionJob.execute(jobArgs.toArray(String[]::new))).as(jobArgs.toString()).isZero();
      }

      RunSummary csvRun = RunSummary.fromJson(Files.readString(tmp.resolve(runId(steps.get(0)) + ".json")));
      assertThat(csvRun.datasets()).singleElement().satisfies(d -> {
        assertThat(d.dataset()).isEqualTo("sellers");
        assertThat(d.rowsRead()).isEqualTo(CsvFacts.records(sellersCsv).size());
      });
      String day = LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/');
      List<String> keys = s3.listObjectsV2(b -> b.bucket(BUCKET)).contents().stream()
          .map(o -> o.key()).collect(Collectors.toList());
      assertThat(keys).contains("archive/" + day + "/olist_sellers_dataset.csv",
          "archive/" + day + "/olist_order_payments_dataset.xlsx");
      // s3a leaves a folder marker ("incoming/") behind when it empties a folder.
      assertThat(keys).noneMatch(k -> k.startsWith("incoming/") && !k.endsWith("/"));
      assertThat(keys).noneMatch(k -> k.startsWith("lake/_staging/") && k.endsWith(".csv"));

      SparkSession spark = TestSpark.start("S3EventToSilverIT");
      try {
        String lake = tmp.resolve("lake-copy").toString();
        copyLakeTables(s3, lake);
        long paymentKeys = payments.stream()
            .filter(p -> !"pix".equals(p.get("payment_type")))
            .map(p -> p.get("order_id") + "/" + p.get("payment_sequential")).distinct().count();
        assertThat(spark.read().format("delta").load(lake + "/silver/order_payments").count())
            .isEqualTo(paymentKeys);
        assertThat(spark.read().format("delta").load(lake + "/silver/sellers").count())
            .isEqualTo(CsvFacts.records(sellersCsv).size());
        assertThat(spark.read().format("delta").load(lake + "/audit")
            .filter("status = 'LOADED'").select("file").collectAsList())
            .extracting(r -> r.getString(0)).allMatch(f -> f.startsWith("s3://" + BUCKET + "/"));
      } finally {
        spark.stop();
      }
    }
  }

  /** Runs the SQS handler against the stub EMR; returns each step's spark-submit arguments. */
  @SuppressWarnings("unchecked")
  private static List<List<String>> launchThroughTheLambda(S3Client s3, List<Map<String, Object>> records)
      throws Exception {
    WireMockServer emrStub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    emrStub.start();
    try {
      emrStub.stubFor(post(urlEqualTo("/")).willReturn(okJson("{\"JobFlowId\":\"j-E2E\"}")));
      Map<String, String> env = TriggerEnv.valid();
      env.put("LAKE_URI", "s3://" + BUCKET + "/lake");
      EmrClient emr = AwsClients.emr().endpointOverride(URI.create(emrStub.baseUrl()))
          .region(Region.EU_WEST_1)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build();
      SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
      message.setMessageId("m-1");
      message.setBody(JSON.std.asString(Map.of("Records", records)));
      SQSEvent event = new SQSEvent();
      event.setRecords(List.of(message));
      Context context = (Context) Proxy.newProxyInstance(S3EventToSilverIT.class.getClassLoader(),
          new Class<?>[] {Context.class}, (p, m, a) -> "getAwsRequestId".equals(m.getName())
              ? "e2e00000-0000-4000-8000-000000000001" : null);
      new SqsEventHandler(new Trigger(TriggerConfig.fromEnv(env), s3, emr)).handleRequest(event, context);

      String body = emrStub.findAll(postRequestedFor(urlEqualTo("/"))
          .withHeader("X-Amz-Target", equalTo("ElasticMapReduce.RunJobFlow"))).get(0).getBodyAsString();
      List<Map<String, Object>> steps = (List<Map<String, Object>>) JSON.std.mapFrom(body).get("Steps");
      return steps.stream()
          .map(s -> (List<String>) ((Map<String, Object>) s.get("HadoopJarStep")).get("Args"))
          .toList();
    } finally {
      emrStub.stop();
    }
  }

  private static Map<String, Object> notification(String key, long size, String etag) {
    return Map.of("eventName", "ObjectCreated:Put", "s3", Map.of(
        "bucket", Map.of("name", BUCKET),
        "object", Map.of("key", key, "size", size, "eTag", etag.replace("\"", ""),
            "sequencer", "00" + Math.abs(key.hashCode()))));
  }

  /** What EMRFS gives a cluster for s3://, given locally by s3a against the in-process S3. */
  private static List<String> s3aSettings(URI endpoint) {
    List<String> args = new ArrayList<>();
    for (String setting : List.of(
        "spark.master=local[2]",
        "spark.ui.enabled=false",
        "spark.sql.shuffle.partitions=2",
        "spark.databricks.delta.snapshotPartitions=1",
        "spark.hadoop.fs.s3.impl=org.apache.hadoop.fs.s3a.S3AFileSystem",
        "spark.hadoop.fs.s3a.endpoint=" + endpoint,
        "spark.hadoop.fs.s3a.path.style.access=true",
        "spark.hadoop.fs.s3a.connection.ssl.enabled=false",
        "spark.hadoop.fs.s3a.aws.credentials.provider=org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "spark.hadoop.fs.s3a.access.key=" + InProcessS3.ACCESS_KEY,
        "spark.hadoop.fs.s3a.secret.key=" + InProcessS3.SECRET_KEY,
        "spark.hadoop.fs.s3a.change.detection.mode=none",
        "spark.hadoop.fs.s3a.fast.upload.buffer=bytebuffer")) {
      args.add("--spark-conf");
      args.add(setting);
    }
    return args;
  }

  private static String runId(List<String> step) {
    return step.get(step.indexOf("--run-id") + 1);
  }

  /** Reads the lake back through the SDK into a local folder, so Spark reads it plainly. */
  private static void copyLakeTables(S3Client s3, String target) throws Exception {
    for (var object : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("lake/")).contents()) {
      Path file = Path.of(target, object.key().substring("lake/".length()));
      Files.createDirectories(file.getParent());
      s3.getObject(b -> b.bucket(BUCKET).key(object.key()), file);
    }
  }
}
