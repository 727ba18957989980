package io.lakeingest.trigger.claim;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.lakeingest.trigger.AwsClients;
import io.lakeingest.trigger.Trigger;
import io.lakeingest.trigger.config.TriggerConfig;
import io.lakeingest.trigger.routing.KeyRouter;
import io.lakeingest.trigger.routing.ObjectRef;
import io.lakeingest.trigger.testing.ReliabilityLog;
import io.lakeingest.trigger.testing.TriggerEnv;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 failing while the trigger claims an object, injected at an HTTP endpoint the real SDK
 * talks to: throttling and a server error are retried and the claim succeeds; a permission
 * error is not retried and escapes (so Lambda's own retry and the dead-letter queue apply),
 * giving back the claims already made; a retry that finds its own marker keeps the claim.
 */
class ClaimsRetryTest {
  private static final KeyRouter.Decision DECISION = new KeyRouter.Decision(
      new ObjectRef("olist-data", "incoming/a.csv", 10, "etag1", "seq", "ObjectCreated:Put"),
      "incoming/a.csv", true, null);
  private static final String CLAIMS = "/olist-artifacts/claims/.*";
  private static final String MARKER = "/olist-artifacts/claims/olist-data/incoming/a.csv/etag-etag1";
  private WireMockServer s3;
  private S3Client client;
  private ObjectClaims claims;

  @BeforeEach
  void start() {
    s3 = new WireMockServer(options().dynamicPort());
    s3.start();
    client = AwsClients.s3().region(Region.EU_WEST_1)
        .endpointOverride(URI.create(s3.baseUrl())).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
        .build();
    claims = new ObjectClaims(client, "olist-artifacts", "claims/");
  }

  @AfterEach
  void stop() {
    s3.stop();
  }

  private static String error(String code) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
        + "</Code><Message>injected</Message></Error>";
  }

  @Test
  void throttlingAndServerErrorsAreRetriedUntilTheClaimIsMade() {
    s3.stubFor(put(urlPathMatching(CLAIMS)).inScenario("flaky")
        .whenScenarioStateIs(STARTED).willSetStateTo("throttled")
        .willReturn(aResponse().withStatus(503).withBody(error("SlowDown"))));
    s3.stubFor(put(urlPathMatching(CLAIMS)).inScenario("flaky")
        .whenScenarioStateIs("throttled").willSetStateTo("recovered")
        .willReturn(aResponse().withStatus(500).withBody(error("InternalError"))));
    s3.stubFor(put(urlPathMatching(CLAIMS)).inScenario("flaky")
        .whenScenarioStateIs("recovered").willReturn(aResponse().withStatus(200).withHeader("ETag", "\"m\"")));

    assertThat(claims.claim(DECISION, "req-1")).isTrue();

    s3.verify(3, putRequestedFor(urlPathMatching(CLAIMS)));
    ReliabilityLog.record("transient", "t1", "S3 answers the trigger's claim PUT with 503 SlowDown, then 500",
        "retried by the SDK with backoff; claimed on the 3rd attempt");
  }

  @Test
  void aPermissionErrorIsNotRetriedAndEscapes() {
    s3.stubFor(put(urlPathMatching(CLAIMS))
        .willReturn(aResponse().withStatus(403).withBody(error("AccessDenied"))));

    assertThatThrownBy(() -> claims.claim(DECISION, "req-1"))
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));

    s3.verify(1, putRequestedFor(urlPathMatching(CLAIMS)));
    ReliabilityLog.record("transient", "t2", "S3 answers the trigger's claim PUT with 403 AccessDenied",
        "not retried; the error escapes, so Lambda retries the message and then dead-letters it");
  }

  @Test
  void aSecondDeliveryFindsTheClaimTaken() {
    s3.stubFor(put(urlPathMatching(CLAIMS))
        .willReturn(aResponse().withStatus(412).withBody(error("PreconditionFailed"))));
    s3.stubFor(head(urlPathEqualTo(MARKER)).willReturn(heldBy("req-1")));

    assertThat(claims.claim(DECISION, "req-2")).isFalse();
    ReliabilityLog.record("concurrency", "k2", "the same S3 event delivered twice (the conditional PUT answers 412)",
        "the second delivery reads the marker's claimant, another invocation, and launches nothing"
            + " (TriggerIT shows it end to end on s3proxy)");
  }

  @Test
  void aClaimWhoseAnswerWasLostIsStillThisInvocations() {
    // The first PUT lands but S3 answers 500; the SDK's retry then finds the marker taken.
    s3.stubFor(put(urlPathMatching(CLAIMS)).inScenario("lost answer")
        .whenScenarioStateIs(STARTED).willSetStateTo("landed")
        .willReturn(aResponse().withStatus(500).withBody(error("InternalError"))));
    s3.stubFor(put(urlPathMatching(CLAIMS)).inScenario("lost answer")
        .whenScenarioStateIs("landed")
        .willReturn(aResponse().withStatus(412).withBody(error("PreconditionFailed"))));
    s3.stubFor(head(urlPathEqualTo(MARKER)).willReturn(heldBy("req-1")));

    assertThat(claims.claim(DECISION, "req-1")).isTrue();

    s3.verify(2, putRequestedFor(urlPathEqualTo(MARKER))
        .withHeader("x-amz-meta-claimed-by", equalTo("req-1")));
    ReliabilityLog.record("transient", "t5", "the trigger's claim PUT lands but S3 answers 500, and the"
            + " SDK's retry gets 412",
        "the marker names this invocation, so the claim is its own and the file is launched, not"
            + " taken for a duplicate and dropped");
  }

  @Test
  void aClaimReleasedMeanwhileIsMadeAgain() {
    s3.stubFor(put(urlPathMatching(CLAIMS)).inScenario("released")
        .whenScenarioStateIs(STARTED).willSetStateTo("gone")
        .willReturn(aResponse().withStatus(412).withBody(error("PreconditionFailed"))));
    s3.stubFor(put(urlPathMatching(CLAIMS)).inScenario("released")
        .whenScenarioStateIs("gone").willReturn(aResponse().withStatus(200).withHeader("ETag", "\"m\"")));
    s3.stubFor(head(urlPathEqualTo(MARKER)).willReturn(aResponse().withStatus(404)));

    assertThat(claims.claim(DECISION, "req-3")).isTrue();

    s3.verify(2, putRequestedFor(urlPathEqualTo(MARKER)));
    ReliabilityLog.record("concurrency", "k3", "the claim is taken, then released by its holder's failed"
            + " launch before this delivery reads who holds it",
        "claimed again on the next PUT, so the file still runs once");
  }

  @Test
  void aFailedClaimGivesBackTheClaimsMadeBeforeIt() {
    s3.stubFor(put(urlPathEqualTo(MARKER)).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"m\"")));
    s3.stubFor(put(urlPathEqualTo("/olist-artifacts/claims/olist-data/incoming/b.csv/etag-etag2"))
        .willReturn(aResponse().withStatus(403).withBody(error("AccessDenied"))));
    s3.stubFor(delete(urlPathEqualTo(MARKER)).willReturn(aResponse().withStatus(204)));
    EmrClient emr = AwsClients.emr().region(Region.EU_WEST_1)
        .endpointOverride(URI.create(s3.baseUrl()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
        .build();
    Trigger trigger = new Trigger(TriggerConfig.fromEnv(TriggerEnv.valid()), client, emr);
    ObjectRef second = new ObjectRef("olist-data", "incoming/b.csv", 10, "etag2", "seq", "ObjectCreated:Put");

    assertThatThrownBy(() -> trigger.handle(List.of(DECISION.object(), second), "req-4"))
        .isInstanceOf(S3Exception.class);

    s3.verify(1, deleteRequestedFor(urlPathEqualTo(MARKER)));
    s3.verify(0, postRequestedFor(urlPathEqualTo("/")));
    ReliabilityLog.record("transient", "t6", "of two files in one event, the first is claimed and the"
            + " second's claim PUT is refused (403)",
        "the first claim is given back before the error escapes, so Lambda's retry claims and launches"
            + " both; nothing is launched meanwhile");
  }

  private static ResponseDefinitionBuilder heldBy(String requestId) {
    return aResponse().withStatus(200).withHeader("x-amz-meta-claimed-by", requestId)
        .withHeader("Content-Length", "0");
  }
}
