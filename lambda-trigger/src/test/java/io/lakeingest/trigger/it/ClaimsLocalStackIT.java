package io.lakeingest.trigger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.trigger.AwsClients;
import io.lakeingest.trigger.claim.ObjectClaims;
import io.lakeingest.trigger.routing.KeyRouter;
import io.lakeingest.trigger.routing.ObjectRef;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The claim's S3 conditional write against LocalStack, where Docker is available. The same
 * behaviour is always covered against s3proxy by {@link TriggerIT}; this adds a second,
 * closer emulation of S3 and is skipped on machines without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class ClaimsLocalStackIT {
  @Container
  static final LocalStackContainer LOCALSTACK = new LocalStackContainer(
      DockerImageName.parse("localstack/localstack:4.0.3"))
      .withServices(LocalStackContainer.Service.S3);

  @Test
  void secondClaimOfTheSameObjectVersionIsRefused() {
    S3Client s3 = AwsClients.s3()
        .endpointOverride(LOCALSTACK.getEndpointOverride(LocalStackContainer.Service.S3))
        .forcePathStyle(true)
        .region(Region.of(LOCALSTACK.getRegion()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
        .build();
    s3.createBucket(b -> b.bucket("claims"));
    ObjectClaims claims = new ObjectClaims(s3, "claims", "claims/");
    KeyRouter.Decision decision = new KeyRouter.Decision(
        new ObjectRef("data", "incoming/a.csv", 10, "etag1", "seq1", "ObjectCreated:Put"),
        "incoming/a.csv", true, null);

    assertThat(claims.claim(decision, "first")).isTrue();
    assertThat(claims.claim(decision, "second")).isFalse();
    claims.release(decision);
    assertThat(claims.claim(decision, "third")).isTrue();
  }
}
