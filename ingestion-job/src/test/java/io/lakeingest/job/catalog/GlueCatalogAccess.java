package io.lakeingest.job.catalog;

import software.amazon.awssdk.services.glue.GlueClient;

/** Tests' way to a {@link GlueCatalog} on a client of their own (an emulator's). */
public final class GlueCatalogAccess {
  private GlueCatalogAccess() {}

  public static GlueCatalog of(GlueClient glue, String database) {
    return new GlueCatalog(glue, database);
  }
}
