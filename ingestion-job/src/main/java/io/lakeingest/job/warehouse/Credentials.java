package io.lakeingest.job.warehouse;

import io.lakeingest.job.config.WarehouseSettings;
import io.lakeingest.job.errors.IngestionErrors;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A warehouse login: a user with a password, or (Snowflake) with an RSA private key. Resolved
 * at the edge, from AWS Secrets Manager when the settings name a secret, else from the
 * environment variables they name. Its {@code toString} never shows the secret part, so it is
 * safe in logs and exceptions.
 */
public final class Credentials {
  private static final String PEM_HEADER = "-----BEGIN PRIVATE KEY-----";

  private final String user;
  private final String password;
  private final String privateKeyPem;

  private Credentials(String user, String password, String privateKeyPem) {
    this.user = user;
    this.password = password;
    this.privateKeyPem = privateKeyPem;
  }

  /** The login the settings point at; fails before any Spark work when it is missing. */
  public static Credentials resolve(WarehouseSettings settings, Map<String, String> env) {
    return settings.secretArn() != null
        ? WarehouseSecrets.read(settings.secretArn(), settings.secretRegion())
        : fromEnv(settings, env);
  }

  /**
   * This login, when the warehouse the settings describe accepts it: key-pair login is
   * Snowflake's, a JDBC warehouse needs a password. Checked before Spark starts.
   */
  public Credentials requireUsableFor(WarehouseSettings settings) {
    if (password == null && !"snowflake".equals(settings.type())) {
      throw IngestionErrors.invalidWarehouse(null, "warehouse.type " + settings.type()
          + " needs a password login, but the login for user '" + user + "'"
          + (settings.secretArn() == null ? "" : " in " + settings.secretArn())
          + " has only a private key (key-pair login is Snowflake's); store \"password\" in the "
          + "secret, or use warehouse.type: snowflake");
    }
    return this;
  }

  public static Credentials fromEnv(WarehouseSettings settings, Map<String, String> env) {
    String user = env.get(settings.userEnv());
    String password = env.get(settings.passwordEnv());
    if (user == null || password == null) {
      throw IngestionErrors.missingCredentials(settings.userEnv(), settings.passwordEnv());
    }
    return new Credentials(user, password, null);
  }

  public static Credentials of(String user, String password) {
    return new Credentials(user, password, null);
  }

  /** A key-pair login; {@code pem} is an unencrypted PKCS#8 PEM, checked here. */
  static Credentials withPrivateKey(String user, String pem) {
    Credentials credentials = new Credentials(user, null, pem);
    credentials.privateKey();
    return credentials;
  }

  String user() {
    return user;
  }

  Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** The key's base64 body, as the Snowflake connector's {@code pem_private_key} takes it. */
  Optional<String> privateKeyBody() {
    return Optional.ofNullable(privateKeyPem).map(Credentials::body);
  }

  /** JDBC connection properties: the password, or the parsed key for Snowflake key-pair login. */
  Properties jdbcProperties() {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    if (password != null) {
      properties.setProperty("password", password);
    } else {
      properties.put("privateKey", privateKey());
    }
    return properties;
  }

  private PrivateKey privateKey() {
    if (!privateKeyPem.contains(PEM_HEADER)) {
      throw new IllegalArgumentException("the private key is not an unencrypted PKCS#8 PEM "
          + "(it must start with " + PEM_HEADER + ")");
    }
    try {
      byte[] der = Base64.getDecoder().decode(body(privateKeyPem));
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
      // The cause's message could quote key material: only its type is kept.
      throw new IllegalArgumentException("the private key cannot be parsed as an RSA PKCS#8 key ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  private static String body(String pem) {
    return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
  }

  @Override
  public String toString() {
    return "Credentials[user=" + user + (password != null ? ", password=***" : "")
        + (privateKeyPem != null ? ", private_key=***" : "") + "]";
  }
}
