package io.lakeingest.trigger.claim;

import io.lakeingest.trigger.routing.KeyRouter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Claims an object version before a step is launched for it, with an S3 conditional write
 * ({@code If-None-Match: *}) of a small marker: of two deliveries of the same event, only
 * one can create the marker. A duplicate therefore costs one PUT and launches nothing.
 */
public final class ObjectClaims {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectClaims.class);
  private static final int PRECONDITION_FAILED = 412;
  private static final int CONDITIONAL_CONFLICT = 409;

  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  public ObjectClaims(S3Client s3, String bucket, String prefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  /** True when this call made the claim; false when an earlier delivery holds it. */
  public boolean claim(KeyRouter.Decision decision, String requestId) {
    String marker = markerKey(decision);
    try {
      s3.putObject(PutObjectRequest.builder().bucket(bucket).key(marker).ifNoneMatch("*")
              .contentType("text/plain").build(),
          RequestBody.fromString("claimed by " + requestId + " at " + Instant.now() + "\n",
              StandardCharsets.UTF_8));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == CONDITIONAL_CONFLICT) {
        LOG.info("Duplicate event for s3://{}/{} ({}): already claimed, nothing launched",
            decision.object().bucket(), decision.key(), decision.object().version());
        return false;
      }
      throw e;
    }
  }

  /** Gives a claim back when the launch failed, so the retried event can launch it. */
  public void release(KeyRouter.Decision decision) {
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(markerKey(decision)));
    } catch (S3Exception e) {
      LOG.error("Could not release claim {}: the object must be re-dropped to be processed",
          markerKey(decision), e);
    }
  }

  String markerKey(KeyRouter.Decision decision) {
    return prefix + decision.object().bucket() + "/" + decision.key() + "/"
        + decision.object().version();
  }
}
