package io.lakeingest.trigger;

import io.lakeingest.trigger.claim.ObjectClaims;
import io.lakeingest.trigger.config.TriggerConfig;
import io.lakeingest.trigger.emr.ClusterLauncher;
import io.lakeingest.trigger.routing.KeyRouter;
import io.lakeingest.trigger.routing.ObjectRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.EmrClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * What both handlers do with the objects of one invocation: route, claim, and launch one
 * cluster with a step per claimed file. If a claim or the launch fails, the claims made so far
 * are given back and the exception escapes, so Lambda's retries and dead-letter target apply.
 */
public final class Trigger {
  private static final Logger LOG = LoggerFactory.getLogger(Trigger.class);

  /** How an invocation ended: the cluster used (null when nothing was launched). */
  public record Result(String clusterId, List<String> inputs, int ignored, int duplicates) {}

  private final KeyRouter router;
  private final ObjectClaims claims;
  private final ClusterLauncher launcher;

  public Trigger(TriggerConfig config, S3Client s3, EmrClient emr) {
    this.router = new KeyRouter(config);
    this.claims = new ObjectClaims(s3, config.claimBucket(), config.claimPrefix());
    this.launcher = new ClusterLauncher(emr, config);
  }

  /** Cold-start construction: configuration from the environment, clients on the JDK HTTP stack. */
  public static Trigger fromEnvironment(Map<String, String> env) {
    TriggerConfig config = TriggerConfig.fromEnv(env);
    var region = new DefaultAwsRegionProviderChain().getRegion();
    S3ClientBuilder s3 = AwsClients.s3().region(region);
    EmrClientBuilder emr = AwsClients.emr().region(region);
    if (config.s3Endpoint() != null) {
      s3.endpointOverride(config.s3Endpoint()).forcePathStyle(true);
    }
    if (config.emrEndpoint() != null) {
      emr.endpointOverride(config.emrEndpoint());
    }
    return new Trigger(config, s3.build(), emr.build());
  }

  public Result handle(List<ObjectRef> objects, String invocationId) {
    Map<String, KeyRouter.Decision> accepted = new LinkedHashMap<>();
    int ignored = 0;
    for (ObjectRef object : objects) {
      KeyRouter.Decision decision = router.decide(object);
      if (decision.accepted()) {
        // The same object twice in one batch is one file.
        accepted.putIfAbsent(object.bucket() + "/" + decision.key() + "#" + object.version(), decision);
      } else {
        ignored++;
      }
    }
    List<KeyRouter.Decision> claimed = new ArrayList<>();
    try {
      for (KeyRouter.Decision decision : accepted.values()) {
        if (claims.claim(decision, invocationId)) {
          claimed.add(decision);
        }
      }
      return launch(claimed, accepted.size() - claimed.size(), ignored, invocationId);
    } catch (RuntimeException e) {
      // Every claim this invocation made is given back, including those made before a later
      // claim failed: the retried event must be able to make them again, or their files
      // would be taken for duplicates and never run.
      claimed.forEach(claims::release);
      throw e;
    }
  }

  private Result launch(List<KeyRouter.Decision> claimed, int duplicates, int ignored,
      String invocationId) {
    if (claimed.isEmpty()) {
      LOG.info("Nothing to launch: {} object(s) ignored, {} duplicate(s)", ignored, duplicates);
      return new Result(null, List.of(), ignored, duplicates);
    }
    List<ClusterLauncher.Input> inputs = new ArrayList<>();
    for (int i = 0; i < claimed.size(); i++) {
      KeyRouter.Decision d = claimed.get(i);
      inputs.add(new ClusterLauncher.Input("s3://" + d.object().bucket() + "/" + d.key(),
          "lambda-" + shortId(invocationId) + "-" + (i + 1)));
    }
    String clusterId = launcher.launch(inputs, shortId(invocationId));
    return new Result(clusterId, inputs.stream().map(ClusterLauncher.Input::uri).toList(),
        ignored, duplicates);
  }

  private static String shortId(String invocationId) {
    String compact = invocationId.replaceAll("[^A-Za-z0-9]", "");
    return compact.length() > 12 ? compact.substring(0, 12) : compact;
  }
}
