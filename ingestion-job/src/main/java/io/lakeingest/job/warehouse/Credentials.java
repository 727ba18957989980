package io.lakeingest.job.warehouse;

import io.lakeingest.job.config.WarehouseSettings;
import io.lakeingest.job.errors.IngestionErrors;
import java.util.Map;

/**
 * A warehouse login, resolved at the edge from the environment variables the settings name.
 * Its {@code toString} never shows the password, so it is safe in logs and exceptions.
 */
public final class Credentials {
  private final String user;
  private final String password;

  private Credentials(String user, String password) {
    this.user = user;
    this.password = password;
  }

  public static Credentials fromEnv(WarehouseSettings settings, Map<String, String> env) {
    String user = env.get(settings.userEnv());
    String password = env.get(settings.passwordEnv());
    if (user == null || password == null) {
      throw IngestionErrors.missingCredentials(settings.userEnv(), settings.passwordEnv());
    }
    return new Credentials(user, password);
  }

  public static Credentials of(String user, String password) {
    return new Credentials(user, password);
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  @Override
  public String toString() {
    return "Credentials[user=" + user + ", password=***]";
  }
}
