package io.lakeingest.job.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.lakeingest.job.sample.OlistSampleGenerator;
import io.lakeingest.job.summary.RunSummary;
import io.lakeingest.job.testing.CsvFacts;
import io.lakeingest.job.testing.TestSpark;
import io.lakeingest.job.testing.Workbooks;
import io.lakeingest.trigger.SqsEventHandler;
import io.lakeingest.trigger.Trigger;
import io.lakeingest.trigger.config.TriggerConfig;
import io.lakeingest.trigger.testing.MotoServer;
import io.lakeingest.trigger.testing.TriggerEnv;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.StepSummary;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The trigger path on a real AWS emulator (moto, started and stopped here) and the job under a
 * real spark-submit: a CSV and an .xlsx land in the emulator's S3 incoming/, its bucket
 * notification (as infrastructure/notifications.tf configures it) queues them in SQS, the real
 * {@link SqsEventHandler} gets those messages in the Lambda event shape and calls RunJobFlow on
 * the emulator's EMR; the cluster and its steps are read back from the emulator and each step's
 * arguments run through PySpark's spark-submit of the shaded jar on
 * {@code local-cluster[2,1,2048]} (executors in separate JVMs). Then silver, audit and the
 * archived objects are asserted in the emulator's S3 through s3a, every lake table is read by
 * delta-rs with the same rows as Spark, and every executor JVM ran with the JIT option.
 */
class EmulatorPathIT {
  private static final String BUCKET = "olist-data";
  private static final String ARTIFACTS = "olist-artifacts";
  private static final String JAR_KEY = "jars/ingestion-job.jar";
  private static final String CONFIG_KEY = "config/dev.yaml";
  private static final String GLUE_DATABASE = "olist_lakehouse_dev_lake";

  @TempDir
  Path tmp;

  @Test
  void filesDroppedInIncomingRunOnSparkSubmitAndLandInSilverAuditedArchivedAndReadableByDeltaRs()
      throws Exception {
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

    try (MotoServer moto = MotoServer.start(Path.of("target", "emulator"))) {
      Emulator aws = new Emulator(moto);
      S3Client s3 = aws.s3();
      for (String bucket : List.of(BUCKET, ARTIFACTS, "olist-logs")) {
        s3.createBucket(b -> b.bucket(bucket)
            .createBucketConfiguration(c -> c.locationConstraint(MotoServer.REGION.id())));
      }
      // What s3.tf uploads: the job jar the steps name.
      s3.putObject(b -> b.bucket(ARTIFACTS).key(JAR_KEY),
          RequestBody.fromFile(Path.of("target", "ingestion-job.jar")));
      String queueUrl = notifyQueueOfIncoming(aws);
      // What the stack provides for the catalog: the Glue database, and the job settings that
      // name it (main.tf renders them from the environment file, as here).
      aws.glue().createDatabase(b -> b.databaseInput(d -> d.name(GLUE_DATABASE)));
      s3.putObject(b -> b.bucket(ARTIFACTS).key(CONFIG_KEY), RequestBody.fromString(jobSettings()));

      s3.putObject(b -> b.bucket(BUCKET).key("incoming/olist_sellers_dataset.csv"),
          RequestBody.fromFile(sellersCsv));
      s3.putObject(b -> b.bucket(BUCKET).key("incoming/olist_order_payments_dataset.xlsx"),
          RequestBody.fromFile(workbook));
      // Not under incoming/: the notification must not queue it.
      s3.putObject(b -> b.bucket(BUCKET).key("archive/elsewhere.csv"), RequestBody.fromString("a\n1\n"));

      List<Message> messages = aws.receiveNotifications(queueUrl, 2);
      String clusterId = invokeTheLambda(aws, messages);

      EmrClient emr = aws.emr();
      Cluster cluster = emr.describeCluster(b -> b.clusterId(clusterId)).cluster();
      assertThat(cluster.tags()).anySatisfy(t -> {
        assertThat(t.key()).isEqualTo("for-use-with-amazon-emr-managed-policies");
        assertThat(t.value()).isEqualTo("true");
      });
      // ListSteps answers newest first, as EMR does.
      List<StepSummary> steps = new ArrayList<>(emr.listSteps(b -> b.clusterId(clusterId)).steps());
      java.util.Collections.reverse(steps);
      assertThat(steps).hasSize(2).allSatisfy(s ->
          assertThat(s.actionOnFailure()).isEqualTo(ActionOnFailure.CONTINUE));

      SparkSubmit submit = new SparkSubmit(tmp.resolve("spark-home"), moto, cluster);
      List<RunSummary> runs = new ArrayList<>();
      for (StepSummary step : steps) {
        Path summary = tmp.resolve(step.id() + ".json");
        SparkSubmit.Outcome outcome = submit.run(step.config().args(), summary, tmp.resolve(step.id() + ".log"));
        assertThat(outcome.exitCode()).as("spark-submit %s, log %s", outcome.command(), outcome.log()).isZero();
        runs.add(RunSummary.fromJson(Files.readString(summary)));
      }

      // Each run's driver called PutMetricData at the emulator, once per file: the cluster's
      // spark-defaults (from the trigger) turn publishing on. moto answers 404 to the SDK's
      // CloudWatch protocol (smithy-rpc-v2-cbor), and the job logs that and goes on, so the
      // values cannot be read back here; nor does moto evaluate alarms. CloudWatchAlarmIT reads
      // them back, and sees the stack's alarms fire, on LocalStack.
      assertThat(moto.log().lines().filter(l -> l.contains("/operation/PutMetricData")).count())
          .as("PutMetricData calls at the emulator").isEqualTo(2);

      assertThat(runs.get(0).datasets()).singleElement().satisfies(d -> {
        assertThat(d.dataset()).isEqualTo("sellers");
        assertThat(d.rowsRead()).isEqualTo(CsvFacts.records(sellersCsv).size());
      });
      String day = LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/');
      List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream()
          .map(o -> o.key()).toList();
      assertThat(keys).contains("archive/" + day + "/olist_sellers_dataset.csv",
          "archive/" + day + "/olist_order_payments_dataset.xlsx");
      assertThat(keys).noneMatch(k -> k.startsWith("incoming/") && !k.endsWith("/"));

      SparkSession spark = TestSpark.start("EmulatorPathIT");
      try {
        submit.s3aSettings().forEach((k, v) ->
            spark.sparkContext().hadoopConfiguration().set(k.substring("spark.hadoop.".length()), v));
        String lake = "s3://" + BUCKET + "/lake";
        long paymentKeys = payments.stream()
            .filter(p -> !"pix".equals(p.get("payment_type")))
            .map(p -> p.get("order_id") + "/" + p.get("payment_sequential")).distinct().count();
        assertThat(spark.read().format("delta").load(lake + "/silver/order_payments").count())
            .isEqualTo(paymentKeys);
        assertThat(spark.read().format("delta").load(lake + "/silver/sellers").count())
            .isEqualTo(CsvFacts.records(sellersCsv).size());
        assertThat(spark.read().format("delta").load(lake + "/audit")
            .filter("status = 'LOADED'").select("file").collectAsList())
            .extracting(r -> r.getString(0))
            // A workbook's rows are audited under the workbook's object and its sheet, not the
            // staging CSV the job made of the sheet.
            .containsExactlyInAnyOrder("s3://" + BUCKET + "/incoming/olist_sellers_dataset.csv",
                "s3://" + BUCKET + "/incoming/olist_order_payments_dataset.xlsx#Sheet1");

        List<String> tables = keys.stream().filter(k -> k.contains("/_delta_log/"))
            .map(k -> "s3://" + BUCKET + "/" + k.substring(0, k.indexOf("/_delta_log/")))
            .distinct().sorted().toList();
        assertThat(tables).contains(lake + "/bronze/sellers", lake + "/silver/sellers",
            lake + "/silver/order_payments", lake + "/audit", lake + "/ledger", lake + "/quarantine");
        new DeltaRsInterop(moto).assertSameRowsAsSpark(spark, tables, tmp);

        // Each run registered every lake table in the stack's Glue database, by location:
        // silver under the dataset's name, the others after their folder.
        Map<String, String> registered = new java.util.TreeMap<>();
        aws.glue().getTables(b -> b.databaseName(GLUE_DATABASE)).tableList().forEach(t -> {
          assertThat(t.parameters()).as(t.name()).containsEntry("table_type", "DELTA")
              .containsEntry("spark.sql.sources.provider", "delta");
          registered.put(t.name(), t.storageDescriptor().location());
        });
        Map<String, String> expected = new java.util.TreeMap<>();
        tables.forEach(t -> {
          String relative = t.substring(lake.length() + 1);
          expected.put(relative.startsWith("silver/") ? relative.substring("silver/".length())
              : relative.replace('/', '_'), t);
        });
        assertThat(registered).isEqualTo(expected).containsKeys("sellers", "bronze_sellers", "audit");
        var sellers = aws.glue().getTable(b -> b.databaseName(GLUE_DATABASE).name("sellers")).table();
        List<String> glueColumns = new ArrayList<>();
        sellers.storageDescriptor().columns().forEach(c -> glueColumns.add(c.name()));
        sellers.partitionKeys().forEach(c -> glueColumns.add(c.name()));
        assertThat(glueColumns).containsExactlyInAnyOrder(
            spark.read().format("delta").load(lake + "/silver/sellers").columns());
      } finally {
        spark.stop();
        // Hadoop caches the s3a file system per bucket with this emulator's endpoint; a later
        // test of this JVM reading the same bucket elsewhere would retry the stopped emulator.
        org.apache.hadoop.fs.FileSystem.closeAll();
      }

      assertThat(submit.executorCommands()).as("executor JVMs under local-cluster").hasSizeGreaterThanOrEqualTo(2)
          .allSatisfy(command -> assertThat(command).contains("-XX:-DontCompileHugeMethods"));
    }
  }

  /** The job settings the stack renders: the environment file, plus the catalog it creates. */
  private static String jobSettings() throws java.io.IOException {
    try (var in = EmulatorPathIT.class.getClassLoader().getResourceAsStream("config/environments/dev.yaml")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          + "catalog:\n  type: glue\n  database: " + GLUE_DATABASE + "\n";
    }
  }

  /**
   * Queue and bucket notification as infrastructure/notifications.tf configures them: every
   * object created under incoming/ (no suffix filter: S3's are case-sensitive and the Lambda
   * decides which suffixes it accepts, in any case).
   */
  private static String notifyQueueOfIncoming(Emulator aws) {
    SqsClient sqs = aws.sqs();
    String url = sqs.createQueue(b -> b.queueName("olist-dev-incoming")).queueUrl();
    String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    aws.s3().putBucketNotificationConfiguration(b -> b.bucket(BUCKET).notificationConfiguration(n -> n
        .queueConfigurations(q -> q.id("incoming").queueArn(arn).events(Event.S3_OBJECT_CREATED)
            // "prefix" as Terraform sends it; the SDK's enum says "Prefix", which S3 takes and moto refuses.
            .filter(f -> f.key(k -> k.filterRules(r -> r.name("prefix").value("incoming/")))))));
    return url;
  }

  /** The SQS messages as Lambda's event source mapping hands them over; returns the cluster id. */
  private static String invokeTheLambda(Emulator aws, List<Message> messages) {
    SQSEvent event = new SQSEvent();
    event.setRecords(messages.stream().map(m -> {
      SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
      message.setMessageId(m.messageId());
      message.setReceiptHandle(m.receiptHandle());
      message.setBody(m.body());
      message.setMd5OfBody(m.md5OfBody());
      message.setEventSource("aws:sqs");
      message.setAwsRegion(MotoServer.REGION.id());
      return message;
    }).toList());
    Map<String, String> env = TriggerEnv.valid();
    env.put("LAKE_URI", "s3://" + BUCKET + "/lake");
    env.put("JOB_JAR_URI", "s3://" + ARTIFACTS + "/" + JAR_KEY);
    env.put("JOB_ENV", "dev");
    env.put("JOB_CONFIG_URI", "s3://" + ARTIFACTS + "/" + CONFIG_KEY);
    env.remove("EXTRA_JARS");
    Context context = (Context) Proxy.newProxyInstance(EmulatorPathIT.class.getClassLoader(),
        new Class<?>[] {Context.class}, (p, m, a) -> "getAwsRequestId".equals(m.getName())
            ? "e2e00000-0000-4000-8000-000000000002" : null);
    var response = new SqsEventHandler(new Trigger(TriggerConfig.fromEnv(env), aws.s3(), aws.emr()))
        .handleRequest(event, context);
    // S3's s3:TestEvent (sent when the notification is configured) is no failure either.
    assertThat(response.getBatchItemFailures()).isEmpty();
    List<String> clusters = aws.emr().listClusters(b -> b.build()).clusters().stream()
        .map(c -> c.id()).toList();
    assertThat(clusters).hasSize(1);
    return clusters.get(0);
  }
}
