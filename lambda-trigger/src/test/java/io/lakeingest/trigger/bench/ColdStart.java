package io.lakeingest.trigger.bench;

import io.lakeingest.trigger.S3EventHandler;
import io.lakeingest.trigger.Trigger;
import io.lakeingest.trigger.testing.TriggerEnv;
import java.lang.management.ManagementFactory;

/**
 * One cold initialisation of the handler, run in a fresh JVM by bin/benchmark-lambda:
 * configuration parsed and both SDK clients built, as the Lambda runtime does on a cold
 * start. Prints milliseconds since JVM start and for the construction alone.
 */
public final class ColdStart {
  private ColdStart() {}

  public static void main(String[] args) {
    long start = System.nanoTime();
    S3EventHandler handler = new S3EventHandler(Trigger.fromEnvironment(TriggerEnv.valid()));
    long constructMs = (System.nanoTime() - start) / 1_000_000;
    long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.println("init_ms=" + constructMs + " since_jvm_start_ms=" + sinceJvmStart
        + " handler=" + handler.getClass().getSimpleName());
  }
}
