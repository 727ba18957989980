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
 * Logs one JSON line per file in CloudWatch Embedded Metric Format: on EMR the driver log
 * goes to CloudWatch Logs, which turns these lines into metrics with no agent code.
 * Logged under {@code io.lakeingest.metrics} so the lines can be routed on their own.
 */
public final class MetricsLogger {
  private static final Logger METRICS = LoggerFactory.getLogger("io.lakeingest.metrics");
  static final String NAMESPACE = "OlistIngestion";
  private static final ObjectMapper JSON = new ObjectMapper();

  private MetricsLogger() {}

  public static void emit(FileAudit audit) {
    METRICS.info(toEmf(audit, Instant.now()));
  }

  static String toEmf(FileAudit audit, Instant at) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("RowsRead", audit.rowsRead());
    metrics.put("RowsLoaded", audit.rowsLoaded());
    metrics.put("RowsQuarantined", audit.rowsQuarantined());
    metrics.put("RowsInserted", audit.rowsInserted());
    metrics.put("RowsUpdated", audit.rowsUpdated());
    metrics.put("FileRejected", "REJECTED".equals(audit.status()) ? 1 : 0);
    metrics.put("DurationMs", audit.readMs() + audit.bronzeMs() + audit.silverMs());

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
