package io.lakeingest.trigger.testing;

import java.util.HashMap;
import java.util.Map;

/** A complete, valid trigger environment; tests change or drop single variables. */
public final class TriggerEnv {
  private TriggerEnv() {}

  public static Map<String, String> valid() {
    Map<String, String> env = new HashMap<>();
    env.put("CLAIM_BUCKET", "olist-artifacts");
    env.put("LOG_URI", "s3://olist-logs/emr/");
    env.put("EMR_SERVICE_ROLE", "olist-emr-service");
    env.put("EMR_INSTANCE_PROFILE", "olist-emr-instance");
    env.put("JOB_JAR_URI", "s3://olist-artifacts/jars/ingestion-job.jar");
    env.put("LAKE_URI", "s3://olist-data/lake");
    env.put("JOB_ENV", "prod");
    env.put("CLUSTER_TAGS", "project=olist,owner=data-eng");
    env.put("SUBNET_ID", "subnet-0abc");
    env.put("EXTRA_JARS", "s3://olist-artifacts/jars/delta-storage-s3-dynamodb-3.3.2.jar");
    return env;
  }
}
