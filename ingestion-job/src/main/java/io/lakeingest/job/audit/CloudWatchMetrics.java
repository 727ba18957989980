package io.lakeingest.job.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Publishes a file's metrics to CloudWatch with PutMetricData (namespace
 * {@value MetricsLogger#NAMESPACE}, dimensions Environment and Dataset, as the stack's alarms
 * expect), in the region and with the credentials of the default chain (on EMR: the instance
 * profile, which may put metrics in this namespace only). Enabled by the Spark setting
 * {@value #ENABLED_KEY}, which the trigger sets in the cluster's spark-defaults; local runs
 * leave it off. A failed publish is logged and never fails the run.
 */
public final class CloudWatchMetrics {
  /** Publish the job's metrics to CloudWatch (true on the clusters the trigger launches). */
  public static final String ENABLED_KEY = "spark.lakeingest.metrics.cloudwatch";
  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchMetrics.class);

  private CloudWatchMetrics() {}

  static boolean enabled() {
    // spark-submit hands the cluster's spark-defaults to the driver as system properties.
    return new SparkConf().getBoolean(ENABLED_KEY, false);
  }

  static void publish(FileAudit audit, Map<String, Long> metrics) {
    List<Dimension> dimensions = List.of(
        Dimension.builder().name("Environment").value(audit.environment()).build(),
        Dimension.builder().name("Dataset").value(audit.dataset() == null ? "unknown" : audit.dataset()).build());
    Instant now = Instant.now();
    List<MetricDatum> data = metrics.entrySet().stream().map(m -> MetricDatum.builder()
        .metricName(m.getKey()).dimensions(dimensions).timestamp(now).value((double) m.getValue())
        .unit(m.getKey().endsWith("Ms") ? StandardUnit.MILLISECONDS : StandardUnit.COUNT).build()).toList();
    try (CloudWatchClient cloudWatch = CloudWatchClient.builder()
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      cloudWatch.putMetricData(b -> b.namespace(MetricsLogger.NAMESPACE).metricData(data));
      LOG.info("Published {} metrics of {} ({}) to CloudWatch", data.size(), audit.file(), audit.dataset());
    } catch (SdkException e) {
      LOG.warn("Could not publish the metrics of {} to CloudWatch ({}); the alarms on namespace {} "
          + "will not see this file. Check the instance profile's cloudwatch:PutMetricData grant.",
          audit.file(), e.getMessage(), MetricsLogger.NAMESPACE);
    }
  }
}
