package io.lakeingest.job.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SparkSessionsTest {
  @Test
  void theJitOptionIsAppendedToTheClustersExecutorOptionsOnce() {
    assertThat(SparkSessions.withJitOption("")).isEqualTo("-XX:-DontCompileHugeMethods");
    assertThat(SparkSessions.withJitOption("-XX:+UseG1GC -XX:OnOutOfMemoryError='kill -9 %p'"))
        .isEqualTo("-XX:+UseG1GC -XX:OnOutOfMemoryError='kill -9 %p' -XX:-DontCompileHugeMethods");
    assertThat(SparkSessions.withJitOption("-Xss4m -XX:-DontCompileHugeMethods"))
        .isEqualTo("-Xss4m -XX:-DontCompileHugeMethods");
  }
}
