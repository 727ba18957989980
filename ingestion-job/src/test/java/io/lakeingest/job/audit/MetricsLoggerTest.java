package io.lakeingest.job.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricsLoggerTest {
  @Test
  void writesCloudWatchEmbeddedMetricFormat() throws IOException {
    FileAudit audit = new FileAudit("run-1", "prod", "orders", "s3://b/incoming/o.csv", "LOADED",
        null, 10, 9, 1, 7, 2, 0, 3, 4, 100, 200, 300);

    JsonNode json = new ObjectMapper().readTree(
        MetricsLogger.toEmf(audit, Instant.ofEpochMilli(1_700_000_000_000L)));

    JsonNode directive = json.at("/_aws/CloudWatchMetrics/0");
    assertThat(json.at("/_aws/Timestamp").asLong()).isEqualTo(1_700_000_000_000L);
    assertThat(directive.get("Namespace").asText()).isEqualTo("OlistIngestion");
    assertThat(directive.at("/Dimensions/0").toString()).isEqualTo("[\"Environment\",\"Dataset\"]");
    // Every declared metric has a numeric value at the root, as EMF requires.
    for (JsonNode metric : directive.get("Metrics")) {
      assertThat(json.get(metric.get("Name").asText()).isNumber()).isTrue();
    }
    assertThat(json.get("RowsQuarantined").asLong()).isEqualTo(1);
    assertThat(json.get("DurationMs").asLong()).isEqualTo(600);
    assertThat(json.get("Dataset").asText()).isEqualTo("orders");
  }
}
