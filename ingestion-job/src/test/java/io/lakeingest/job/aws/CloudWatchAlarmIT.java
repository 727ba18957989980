package io.lakeingest.job.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakeingest.job.audit.CloudWatchMetrics;
import io.lakeingest.job.summary.FileOutcome;
import io.lakeingest.job.summary.RunSummary;
import io.lakeingest.job.testing.Lakes;
import io.lakeingest.trigger.testing.PythonEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Defect 3 of issue 16 on an emulator: the job's metrics, published by its own
 * {@code CloudWatchMetrics} (PutMetricData through the AWS SDK), arrive in CloudWatch under the
 * namespace, metric names and dimensions the stack's alarms watch, and the alarms change state.
 *
 * <p>The emulator is LocalStack's Python runtime (no Docker): moto answers 404 to the SDK's
 * CloudWatch protocol (rpc-v2-cbor, 5.1.16 and 5.2.5 alike) and never evaluates an alarm
 * (its PutMetricData only stores the datum; a state changes only by SetAlarmState). LocalStack
 * evaluates an alarm when it is put and then every EvaluationPeriods x Period seconds, so
 * besides the alarms exactly as monitoring.tf defines them (period 900 s: the first evaluation
 * after the data would come 15 minutes later) the test puts a twin of each with a 10 s period,
 * which shows OK turning to ALARM by the emulator's own schedule. The alarms notify a topic
 * (as alarm_actions does the stack's alerts topic), and a queue subscribed to it receives
 * the OK -> ALARM notifications; the topic's KMS key is not modelled here.
 *
 * <p>Skipped where there is no Python 3.13 for LocalStack, unless REQUIRE_LOCALSTACK is set.
 */
class CloudWatchAlarmIT {
  private static final String SELLERS_HEADER =
      "seller_id,seller_zip_code_prefix,seller_city,seller_state";
  private static final int QUARANTINED = 101;
  private static final String ENVIRONMENT = "local";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void theJobsMetricsReachTheStacksAlarmsAndTheAlarmsFire() throws Exception {
    Optional<Path> venv = LocalStackCloudWatch.venv();
    if (venv.isEmpty()) {
      assertThat(System.getenv("REQUIRE_LOCALSTACK")).as("REQUIRE_LOCALSTACK is set, but "
          + "bin/localstack-env found no Python 3.13").isNull();
      Assumptions.abort("no Python 3.13 for LocalStack (bin/localstack-env)");
    }
    Path infrastructure = PythonEnv.repositoryRoot().resolve("infrastructure");
    TerraformAlarms.Definition rejected = TerraformAlarms.read(infrastructure, "file_rejected");
    TerraformAlarms.Definition quarantined = TerraformAlarms.read(infrastructure, "rows_quarantined");
    assertThat(rejected.request("x", ENVIRONMENT, "sellers", infrastructure).threshold())
        .isEqualTo(0.0);
    assertThat(quarantined.request("x", ENVIRONMENT, "sellers", infrastructure).threshold())
        .as("var.quarantine_alarm_threshold's default; the file below quarantines more")
        .isLessThan(QUARANTINED);

    try (LocalStackCloudWatch localstack = LocalStackCloudWatch.start(venv.get(), tmp.resolve("localstack"));
        CloudWatchClient cloudWatch = localstack.client();
        SqsClient sqs = localstack.sqs()) {
      // The alerts topic the alarms notify (alarm_actions = [aws_sns_topic.alerts.arn]), with a
      // queue subscribed to it standing in for the e-mail subscription.
      for (TerraformAlarms.Definition d : List.of(rejected, quarantined)) {
        assertThat(d.attributes().get("alarm_actions")).isEqualTo("[aws_sns_topic.alerts.arn]");
      }
      String topic = between(localstack.sns(Map.of("Action", "CreateTopic", "Name", "alerts")),
          "<TopicArn>", "</TopicArn>");
      String inbox = sqs.createQueue(b -> b.queueName("alerts-inbox")).queueUrl();
      String inboxArn = sqs.getQueueAttributes(b -> b.queueUrl(inbox)
          .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
      localstack.sns(Map.of("Action", "Subscribe", "TopicArn", topic, "Protocol", "sqs",
          "Endpoint", inboxArn));

      // As monitoring.tf defines them, for the dataset the run touches, and a 10 s twin of each;
      // a twin for a dataset the run does not touch must stay OK.
      Map<String, PutMetricAlarmRequest> alarms = new LinkedHashMap<>();
      for (TerraformAlarms.Definition d : List.of(rejected, quarantined)) {
        PutMetricAlarmRequest exact = d.request("tf-sellers-" + d.resource(), ENVIRONMENT, "sellers", infrastructure)
            .toBuilder().alarmActions(topic).build();
        alarms.put(exact.alarmName(), exact);
        alarms.put("fast-sellers-" + d.resource(),
            exact.toBuilder().alarmName("fast-sellers-" + d.resource()).period(10).build());
      }
      PutMetricAlarmRequest untouched = rejected.request("fast-orders-file_rejected", ENVIRONMENT,
          "orders", infrastructure).toBuilder().period(10).alarmActions(topic).build();
      alarms.put(untouched.alarmName(), untouched);
      alarms.values().forEach(cloudWatch::putMetricAlarm);
      awaitStates(cloudWatch, alarms.keySet(), s -> s == StateValue.OK, "no data yet: OK");

      RunSummary run = runTheJobPublishingTo(localstack);
      assertThat(run.files()).extracting(FileOutcome::status)
          .containsExactlyInAnyOrder(FileOutcome.Status.LOADED, FileOutcome.Status.REJECTED);

      // Each alarm's metric arrived under exactly the alarm's namespace, name and dimensions
      // (as monitoring.tf writes them: Environment and Dataset), and under no others.
      for (TerraformAlarms.Definition d : List.of(rejected, quarantined)) {
        PutMetricAlarmRequest alarm = alarms.get("tf-sellers-" + d.resource());
        List<Metric> metrics = cloudWatch.listMetrics(b -> b.namespace(alarm.namespace())
            .metricName(alarm.metricName())).metrics();
        assertThat(metrics).as(alarm.metricName() + " in " + alarm.namespace() + ":\n" + localstack.log())
            .singleElement().satisfies(m -> assertThat(m.dimensions())
                .containsExactlyInAnyOrderElementsOf(alarm.dimensions()));
      }
      assertThat(sum(cloudWatch, alarms.get("tf-sellers-file_rejected"))).isEqualTo(1.0);
      assertThat(sum(cloudWatch, alarms.get("tf-sellers-rows_quarantined"))).isEqualTo(QUARANTINED);

      // The twins: OK -> ALARM by the emulator's own evaluation, recorded in their history.
      for (String name : List.of("fast-sellers-file_rejected", "fast-sellers-rows_quarantined")) {
        awaitHistory(cloudWatch, name, "Alarm updated from OK to ALARM");
      }
      // Each state change to ALARM notified the alerts topic, whose subscriber got it.
      Map<String, String> notified = new LinkedHashMap<>();
      Instant deadline = Instant.now().plusSeconds(30);
      while (!notified.keySet().containsAll(List.of("fast-sellers-file_rejected",
          "fast-sellers-rows_quarantined")) && Instant.now().isBefore(deadline)) {
        for (var message : sqs.receiveMessage(b -> b.queueUrl(inbox).maxNumberOfMessages(10)
            .waitTimeSeconds(2)).messages()) {
          JsonNode alarm = JSON.readTree(JSON.readTree(message.body()).get("Message").asText());
          notified.put(alarm.get("AlarmName").asText(),
              alarm.get("OldStateValue").asText() + " -> " + alarm.get("NewStateValue").asText());
        }
      }
      assertThat(notified).as("notifications on the alerts topic")
          .containsEntry("fast-sellers-file_rejected", "OK -> ALARM")
          .containsEntry("fast-sellers-rows_quarantined", "OK -> ALARM")
          .doesNotContainKey(untouched.alarmName());

      // The exact definitions, put again (as an apply would update them): evaluated at once.
      for (String name : List.of("tf-sellers-file_rejected", "tf-sellers-rows_quarantined")) {
        cloudWatch.putMetricAlarm(alarms.get(name));
      }
      awaitStates(cloudWatch, List.of("tf-sellers-file_rejected", "tf-sellers-rows_quarantined"),
          s -> s == StateValue.ALARM, "the stack's alarms, evaluated after the run");
      assertThat(state(cloudWatch, untouched.alarmName())).as("no orders file: no alarm")
          .isEqualTo(StateValue.OK);
    }
  }

  /** A sellers file with 101 of 203 rows failing the zip pattern, and one without its key. */
  private RunSummary runTheJobPublishingTo(LocalStackCloudWatch localstack) throws Exception {
    Path incoming = Files.createDirectories(tmp.resolve("landing/incoming"));
    List<String> rows = new ArrayList<>(List.of(SELLERS_HEADER));
    for (int i = 0; i < 203; i++) {
      rows.add(String.format("%032x,%s,campinas,SP", i, i < QUARANTINED ? "ABCDE" : "13023"));
    }
    Files.write(incoming.resolve("olist_sellers_dataset_a.csv"), rows);
    Files.write(incoming.resolve("olist_sellers_dataset_b.csv"),
        List.of("seller_zip_code_prefix,seller_city,seller_state", "13023,campinas,SP"));
    // What the trigger's spark-defaults and EMR's instance profile give the driver on a cluster.
    Map<String, String> properties = Map.of(
        CloudWatchMetrics.ENABLED_KEY, "true",
        "aws.endpointUrlCloudWatch", localstack.endpoint().toString(),
        "aws.region", LocalStackCloudWatch.REGION.id(),
        "aws.accessKeyId", LocalStackCloudWatch.ACCESS_KEY,
        "aws.secretAccessKey", LocalStackCloudWatch.SECRET_KEY);
    properties.forEach(System::setProperty);
    try {
      Path json = tmp.resolve("summary.json");
      assertThat(Lakes.run(incoming, tmp.resolve("lake"), json)).isZero();
      return Lakes.summary(json);
    } finally {
      properties.keySet().forEach(System::clearProperty);
    }
  }

  private static String between(String text, String open, String close) {
    int start = text.indexOf(open);
    assertThat(start).as(open + " in " + text).isNotNegative();
    return text.substring(start + open.length(), text.indexOf(close, start));
  }

  private static double sum(CloudWatchClient cloudWatch, PutMetricAlarmRequest alarm) {
    Instant now = Instant.now();
    return cloudWatch.getMetricStatistics(b -> b.namespace(alarm.namespace())
            .metricName(alarm.metricName()).dimensions(alarm.dimensions())
            .startTime(now.minus(Duration.ofHours(1))).endTime(now.plusSeconds(60))
            .period(7200).statistics(Statistic.SUM))
        .datapoints().stream().mapToDouble(d -> d.sum()).sum();
  }

  private static StateValue state(CloudWatchClient cloudWatch, String name) {
    List<MetricAlarm> found = cloudWatch.describeAlarms(b -> b.alarmNames(name)).metricAlarms();
    assertThat(found).as(name).hasSize(1);
    return found.get(0).stateValue();
  }

  private static void awaitStates(CloudWatchClient cloudWatch, java.util.Collection<String> names,
      Predicate<StateValue> wanted, String what) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    Map<String, StateValue> states = new LinkedHashMap<>();
    while (Instant.now().isBefore(deadline)) {
      states.clear();
      names.forEach(n -> states.put(n, state(cloudWatch, n)));
      if (states.values().stream().allMatch(wanted)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(what + ": states " + states);
  }

  private static void awaitHistory(CloudWatchClient cloudWatch, String name, String summary)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    List<String> seen = List.of();
    while (Instant.now().isBefore(deadline)) {
      seen = cloudWatch.describeAlarmHistory(b -> b.alarmName(name)
          .historyItemType(HistoryItemType.STATE_UPDATE)).alarmHistoryItems().stream()
          .map(h -> h.historySummary()).toList();
      if (seen.contains(summary)) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(name + ": no '" + summary + "' within 60 s; history " + seen);
  }
}
