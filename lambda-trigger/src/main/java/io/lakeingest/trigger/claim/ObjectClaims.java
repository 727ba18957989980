package io.lakeingest.trigger.claim;

import io.lakeingest.trigger.routing.KeyRouter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>The marker names its claimant. A PUT can land while its answer is lost (a timeout, a
 * 5xx after the write, a dropped connection), and the retry then finds the marker taken;
 * reading the claimant back tells this invocation's own earlier attempt from another
 * delivery, so a retried claim is not mistaken for a duplicate and its file is not dropped.
 */
public final class ObjectClaims {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectClaims.class);
  static final String CLAIMANT = "claimed-by";
  private static final int PRECONDITION_FAILED = 412;
  private static final int CONDITIONAL_CONFLICT = 409;
  private static final int NOT_FOUND = 404;
  private static final int ATTEMPTS = 3;

  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  public ObjectClaims(S3Client s3, String bucket, String prefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  /** True when this invocation holds the claim; false when another delivery holds it. */
  public boolean claim(KeyRouter.Decision decision, String requestId) {
    String marker = markerKey(decision);
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (put(marker, requestId)) {
        return true;
      }
      Optional<String> claimant = claimant(marker);
      if (claimant.isEmpty()) {
        // Released between our PUT and the read (the holder's launch failed): claim again.
        continue;
      }
      if (claimant.get().equals(requestId)) {
        LOG.info("Claim {} was made by an earlier attempt of this invocation ({})", marker, requestId);
        return true;
      }
      LOG.info("Duplicate event for s3://{}/{} ({}): already claimed by {}, nothing launched",
          decision.object().bucket(), decision.key(), decision.object().version(), claimant.get());
      return false;
    }
    throw new IllegalStateException("Claim " + marker + " in bucket " + bucket + " was taken and"
        + " released " + ATTEMPTS + " times while this invocation tried to claim it; the event"
        + " fails so Lambda retries it");
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

  /** True when the marker was created; false when one already exists (or is being written). */
  private boolean put(String marker, String requestId) {
    try {
      s3.putObject(PutObjectRequest.builder().bucket(bucket).key(marker).ifNoneMatch("*")
              .metadata(Map.of(CLAIMANT, requestId)).contentType("text/plain").build(),
          RequestBody.fromString("claimed by " + requestId + " at " + Instant.now() + "\n",
              StandardCharsets.UTF_8));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == CONDITIONAL_CONFLICT) {
        return false;
      }
      throw e;
    }
  }

  /** Who holds the marker; empty when it is gone. Markers without a claimant name nobody. */
  private Optional<String> claimant(String marker) {
    try {
      Map<String, String> metadata = s3.headObject(b -> b.bucket(bucket).key(marker)).metadata();
      return Optional.of(metadata.getOrDefault(CLAIMANT, ""));
    } catch (S3Exception e) {
      if (e.statusCode() == NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
