package io.lakeingest.job.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShufflePartitionsTest {
  private static final long MB = 1024 * 1024;

  @Test
  void growsWithTheInputBetweenTheCoresAndTheCeiling() {
    assertThat(ShufflePartitions.forInput(1 * MB, 2, 200)).isEqualTo(2);
    assertThat(ShufflePartitions.forInput(640 * MB, 2, 200)).isEqualTo(10);
    assertThat(ShufflePartitions.forInput(100_000 * MB, 2, 200)).isEqualTo(200);
    assertThat(ShufflePartitions.forInput(0, 8, 4)).isEqualTo(4);
  }
}
