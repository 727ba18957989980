package io.lakeingest.job.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

/**
 * One shared local[2] SparkSession per test class ({@link TestSpark}, UI off), as Iceberg's
 * TestBase owns one: subclasses call {@link #spark()} and never start or stop a session.
 *
 * <p>The session starts on first use, so a class may first run the job in-process in its own
 * {@code @BeforeAll} (the job starts and stops its own session, which must not be this one),
 * and stops after the class's last test. Tests that run the job in-process between their own
 * reads (LocalRunIT's maintain, the crash re-runs, S3EventToSilverIT) still start a session of
 * their own after the job, for that reason.
 */
public abstract class SparkTestBase {
  private static String appName = "test";
  private static SparkSession session;

  @BeforeAll
  static void nameSession(TestInfo info) {
    appName = info.getTestClass().map(Class::getSimpleName).orElse("test");
  }

  /** The class's session, started on first use. */
  protected static synchronized SparkSession spark() {
    if (session == null) {
      session = TestSpark.start(appName);
    }
    return session;
  }

  @AfterAll
  static synchronized void stopSession() {
    if (session != null) {
      session.stop();
      session = null;
    }
  }
}
