package io.lakeingest.trigger;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.EmrClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The SDK clients as the function builds them, so tests talk to their endpoints the same way.
 * Both use the JDK's HTTP stack: it adds nothing to the package and starts fastest.
 */
public final class AwsClients {
  private AwsClients() {}

  /**
   * Claims are a few dozen bytes, so {@code Expect: 100-continue} saves nothing. On that path
   * the URL-connection client reports a pooled connection the server has closed as an
   * {@code UncheckedIOException}, which the SDK does not retry: a warm function reusing a
   * connection S3 dropped while idle would fail its invocation instead of reconnecting.
   */
  public static S3ClientBuilder s3() {
    return S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .serviceConfiguration(S3Configuration.builder().expectContinueEnabled(false).build());
  }

  public static EmrClientBuilder emr() {
    return EmrClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
  }
}
