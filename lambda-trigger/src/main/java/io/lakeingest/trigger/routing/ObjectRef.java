package io.lakeingest.trigger.routing;

/**
 * One S3 object named by an event. {@code rawKey} is the key as S3 sent it (URL-encoded,
 * '+' for space); {@code etag} and {@code sequencer} tell two writes of one key apart.
 */
public record ObjectRef(String bucket, String rawKey, long size, String etag, String sequencer,
    String eventName) {

  /** What makes a redelivered event a duplicate: same bucket, key and content version. */
  public String version() {
    if (etag != null && !etag.isBlank()) {
      return "etag-" + etag.replace("\"", "");
    }
    return "seq-" + (sequencer == null ? "none" : sequencer);
  }
}
