package io.lakeingest.trigger.claim;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.lakeingest.trigger.routing.KeyRouter;
import io.lakeingest.trigger.routing.ObjectRef;
import io.lakeingest.trigger.testing.ReliabilityLog;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 failing while the trigger claims an object, injected at an HTTP endpoint the real SDK
 * talks to: throttling and a server error are retried and the claim succeeds; a permission
 * error is not retried and escapes (so Lambda's own retry and the dead-letter queue apply).
 */
class ClaimsRetryTest {
  private static final KeyRouter.Decision DECISION = new KeyRouter.Decision(
      new ObjectRef("olist-data", "incoming/a.csv", 10, "etag1", "seq", "ObjectCreated:Put"),
      "incoming/a.csv", true, null);
  private static final String CLAIMS = "/olist-artifacts/claims/.*";
  private WireMockServer s3;
  private ObjectClaims claims;

  @BeforeEach
  void start() {
    s3 = new WireMockServer(options().dynamicPort());
    s3.start();
    S3Client client = S3Client.builder().region(Region.EU_WEST_1)
        .endpointOverride(URI.create(s3.baseUrl())).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
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

    assertThat(claims.claim(DECISION, "req-2")).isFalse();
    ReliabilityLog.record("concurrency", "k2", "the same S3 event delivered twice (the conditional PUT answers 412)",
        "the second delivery launches nothing (TriggerIT shows it end to end on s3proxy)");
  }
}
