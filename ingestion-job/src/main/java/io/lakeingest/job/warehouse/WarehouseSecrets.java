package io.lakeingest.job.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakeingest.job.errors.IngestionErrors;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads the warehouse login from an AWS Secrets Manager secret: a JSON object with
 * {@code username} (or {@code user}) and {@code password} or {@code private_key}. The secret's
 * value never reaches a log line or an exception message, not even through a JSON parser's
 * error.
 */
final class WarehouseSecrets {
  private static final Logger LOG = LoggerFactory.getLogger(WarehouseSecrets.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private WarehouseSecrets() {}

  /**
   * Calls Secrets Manager in the secret's region with the default credential chain (the EMR
   * instance profile); {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} overrides the endpoint.
   */
  static Credentials read(String arn, String region) {
    try (SecretsManagerClient client = SecretsManagerClient.builder()
        .region(Region.of(region))
        .httpClient(UrlConnectionHttpClient.create())
        .build()) {
      return read(client, arn);
    }
  }

  static Credentials read(SecretsManagerClient client, String arn) {
    String value;
    try {
      value = client.getSecretValue(r -> r.secretId(arn)).secretString();
    } catch (SdkServiceException e) {
      String code = e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws
          && aws.awsErrorDetails() != null ? aws.awsErrorDetails().errorCode() : "error";
      throw IngestionErrors.secretUnreadable(arn, code + " (HTTP " + e.statusCode() + ")");
    } catch (SdkClientException e) {
      throw IngestionErrors.secretUnreadable(arn, e.getMessage());
    }
    if (value == null) {
      throw IngestionErrors.secretMalformed(arn, "it holds binary data, not a JSON string");
    }
    Credentials credentials = parse(arn, value);
    LOG.info("Warehouse login for user '{}' read from {}", credentials.user(), arn);
    return credentials;
  }

  static Credentials parse(String arn, String value) {
    JsonNode json;
    try {
      json = JSON.readTree(value);
    } catch (java.io.IOException e) {
      throw IngestionErrors.secretMalformed(arn, "it is not JSON");
    }
    if (json == null || !json.isObject()) {
      throw IngestionErrors.secretMalformed(arn, "it is not a JSON object");
    }
    String user = text(json, "username") != null ? text(json, "username") : text(json, "user");
    String password = text(json, "password");
    String privateKey = text(json, "private_key");
    if (user == null || (password == null && privateKey == null)) {
      List<String> keys = new ArrayList<>();
      json.fieldNames().forEachRemaining(keys::add);
      throw IngestionErrors.secretMalformed(arn, "it has the keys " + keys);
    }
    if (password != null) {
      return Credentials.of(user, password);
    }
    try {
      return Credentials.withPrivateKey(user, privateKey);
    } catch (IllegalArgumentException e) {
      throw IngestionErrors.secretMalformed(arn, e.getMessage());
    }
  }

  private static String text(JsonNode json, String key) {
    JsonNode node = json.get(key);
    return node == null || !node.isTextual() || node.asText().isBlank() ? null : node.asText();
  }
}
