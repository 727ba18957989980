package io.lakeingest.job.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one JSON line per file (CloudWatch Embedded Metric Format, logger
 * {@code io.lakeingest.metrics}) and, where the cluster asks for it, publishes the same metrics
 * with PutMetricData ({@link CloudWatchMetrics}). The log line alone never reaches CloudWatch
 * on EMR: the driver log goes to YARN container logs and S3, not to CloudWatch Logs.
 */
public final class MetricsLogger {
  private static final Logger METRICS = LoggerFactory.getLogger("io.lakeingest.metrics");
  static final String NAMESPACE = "OlistIngestion";
  private static final ObjectMapper JSON = new ObjectMapper();

  private MetricsLogger() {}

  public static void emit(FileAudit audit) {
    METRICS.info(toEmf(audit, Instant.now()));
    if (CloudWatchMetrics.enabled()) {
      CloudWatchMetrics.publish(audit, metrics(audit));
    }
  }

  static Map<String, Long> metrics(FileAudit audit) {
    Map<String, Long> metrics = new LinkedHashMap<>();
    metrics.put("RowsRead", audit.rowsRead());
    metrics.put("RowsLoaded", audit.rowsLoaded());
    metrics.put("RowsQuarantined", audit.rowsQuarantined());
    metrics.put("RowsInserted", audit.rowsInserted());
    metrics.put("RowsUpdated", audit.rowsUpdated());
    metrics.put("FileRejected", "REJECTED".equals(audit.status()) ? 1L : 0L);
    metrics.put("DurationMs", audit.readMs() + audit.bronzeMs() + audit.silverMs());
    return metrics;
  }

  static String toEmf(FileAudit audit, Instant at) {
    Map<String, Long> metrics = metrics(audit);

    Map<String, Object> root = new LinkedHashMap<>();
    root.put("_aws", Map.of(
        "Timestamp", at.toEpochMilli(),
        "CloudWatchMetrics", List.of(Map.of(
            "Namespace", NAMESPACE,
            "Dimensions", List.of(List.of("Environment", "Dataset")),
            "Metrics", metrics.keySet().stream().map(name -> Map.of("Name", name,
                "Unit", name.endsWith("Ms") ? "Milliseconds" : "Count")).toList()))));
    root.put("Environment", audit.environment());
    root.put("Dataset", audit.dataset() == null ? "unknown" : audit.dataset());
    root.put("RunId", audit.runId());
    root.put("File", audit.file());
    root.put("Status", audit.status());
    root.putAll(metrics);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Metrics are plain maps of strings and numbers", e);
    }
  }
}
