package io.lakeingest.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.errors.IngestionException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The shipped local-warehouse environment: it publishes to the PostgreSQL bin/demo starts, on
 * the port given at run time as LOCAL_WAREHOUSE_PORT ({@code ${NAME}} in an environment file).
 */
class LocalWarehouseEnvironmentTest {
  private static JobConfig load(Map<String, String> variables) {
    return new JobConfigLoader(new Configuration(), variables).load(new JobConfigLoader.Arguments(
        "in", "work/lake", "local-warehouse", null, null, Map.of(), "run-1"));
  }

  @Test
  void publishesToTheLocalWarehouseOnThePortGivenAtRunTime() {
    var warehouse = load(Map.of("LOCAL_WAREHOUSE_PORT", "54321")).environment().warehouse();

    assertThat(warehouse.enabled()).isTrue();
    assertThat(warehouse.url()).isEqualTo("jdbc:postgresql://127.0.0.1:54321/olist");
    assertThat(warehouse.schema()).isEqualTo("raw");
    assertThat(warehouse.userEnv()).isEqualTo("WAREHOUSE_USER");
  }

  @Test
  void anUnsetVariableNamesItselfAndTheFile() {
    assertThatThrownBy(() -> load(Map.of()))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("classpath:config/environments/local-warehouse.yaml")
        .hasMessageContaining("${LOCAL_WAREHOUSE_PORT}, which is not set in the environment");
  }
}
