package io.lakeingest.trigger.routing;

import io.lakeingest.trigger.config.TriggerConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, once per object, whether it is a file for the job: under the incoming prefix
 * (directly, as the job archives from there), with an accepted suffix, not empty, not a
 * folder marker, and not a key that tries to leave the prefix. Each decision is logged
 * once with the decoded key.
 */
public final class KeyRouter {
  private static final Logger LOG = LoggerFactory.getLogger(KeyRouter.class);

  /** An accepted object with its decoded key, or the reason it was ignored. */
  public record Decision(ObjectRef object, String key, boolean accepted, String reason) {}

  private final TriggerConfig config;

  public KeyRouter(TriggerConfig config) {
    this.config = config;
  }

  public Decision decide(ObjectRef object) {
    Decision decision = evaluate(object);
    if (decision.accepted()) {
      LOG.info("Accepted s3://{}/{} ({} bytes)", object.bucket(), decision.key(), object.size());
    } else {
      LOG.info("Ignored s3://{}/{}: {}", object.bucket(), decision.key(), decision.reason());
    }
    return decision;
  }

  private Decision evaluate(ObjectRef object) {
    String key;
    try {
      // S3 event keys are form-encoded: '+' is a space, %XX a byte of UTF-8.
      key = URLDecoder.decode(object.rawKey(), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return reject(object, object.rawKey(), "key is not valid URL encoding");
    }
    if (object.eventName() != null && !object.eventName().startsWith("ObjectCreated")) {
      return reject(object, key, "event " + object.eventName() + " is not an object creation");
    }
    if (key.endsWith("/")) {
      return reject(object, key, "folder marker");
    }
    if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || key.contains("\\")) {
      return reject(object, key, "key holds control characters or a backslash");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
        return reject(object, key, "key has an empty, '.' or '..' segment (path escape)");
      }
    }
    if (!key.startsWith(config.incomingPrefix())) {
      return reject(object, key, "not under " + config.incomingPrefix());
    }
    String name = key.substring(config.incomingPrefix().length());
    if (name.contains("/")) {
      return reject(object, key, "in a sub-folder of " + config.incomingPrefix()
          + "; only files directly in it are ingested");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (config.suffixes().stream().noneMatch(lower::endsWith)) {
      return reject(object, key, "suffix not in " + config.suffixes());
    }
    if (object.size() <= 0) {
      return reject(object, key, "empty object");
    }
    return new Decision(object, key, true, null);
  }

  private static Decision reject(ObjectRef object, String key, String reason) {
    return new Decision(object, key, false, reason);
  }
}
