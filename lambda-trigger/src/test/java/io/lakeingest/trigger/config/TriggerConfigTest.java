package io.lakeingest.trigger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakeingest.trigger.testing.TriggerEnv;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerConfigTest {
  @Test
  void parsesAValidEnvironmentWithDefaults() {
    TriggerConfig config = TriggerConfig.fromEnv(TriggerEnv.valid());

    assertThat(config.incomingPrefix()).isEqualTo("incoming/");
    assertThat(config.suffixes()).containsExactly(".csv", ".xlsx");
    assertThat(config.cluster().releaseLabel()).isEqualTo("emr-7.5.0");
    assertThat(config.cluster().coreOnSpot()).isTrue();
    assertThat(config.cluster().tags()).containsEntry("project", "olist");
    assertThat(config.job().lakeUri()).isEqualTo("s3://olist-data/lake");
    assertThat(config.existingClusterId()).isNull();
  }

  @Test
  void namesEveryMissingOrBadVariableAtOnce() {
    Map<String, String> env = TriggerEnv.valid();
    env.remove("LAKE_URI");
    env.remove("EMR_SERVICE_ROLE");
    env.put("CORE_INSTANCE_COUNT", "many");
    env.put("JOB_JAR_URI", "https://example.com/job.jar");
    env.put("EMR_RELEASE_LABEL", "emr-6.15.0");
    env.put("EXTRA_JARS", "s3://olist-artifacts/a.jar, /tmp/b.jar");
    env.remove("SUBNET_ID");

    assertThatThrownBy(() -> TriggerConfig.fromEnv(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LAKE_URI is missing")
        .hasMessageContaining("SUBNET_ID is missing")
        .hasMessageContaining("EMR_SERVICE_ROLE is missing")
        .hasMessageContaining("CORE_INSTANCE_COUNT='many' is not a whole number")
        .hasMessageContaining("JOB_JAR_URI='https://example.com/job.jar' must be an s3://bucket/path URI")
        .hasMessageContaining("EMR_RELEASE_LABEL='emr-6.15.0' must be an EMR 7.x release")
        .hasMessageContaining("EXTRA_JARS='s3://olist-artifacts/a.jar, /tmp/b.jar' must be an s3://bucket/path URI");
  }

  @Test
  void normalisesPrefixAndSuffixes() {
    Map<String, String> env = TriggerEnv.valid();
    env.put("INCOMING_PREFIX", "landing/in");
    env.put("ACCEPTED_SUFFIXES", ".CSV, .xlsx");

    TriggerConfig config = TriggerConfig.fromEnv(env);

    assertThat(config.incomingPrefix()).isEqualTo("landing/in/");
    assertThat(config.suffixes()).isEqualTo(List.of(".csv", ".xlsx"));
  }

  @Test
  void refusesAPrefixThatEscapes() {
    Map<String, String> env = TriggerEnv.valid();
    env.put("INCOMING_PREFIX", "../incoming/");

    assertThatThrownBy(() -> TriggerConfig.fromEnv(env))
        .hasMessageContaining("INCOMING_PREFIX='../incoming/' must be a relative key prefix");
  }
}
