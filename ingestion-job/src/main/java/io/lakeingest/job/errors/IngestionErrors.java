package io.lakeingest.job.errors;

import java.util.Collection;
import java.util.List;

/** Factory for every user-facing error: one place keeps their wording consistent. */
public final class IngestionErrors {
  private IngestionErrors() {}

  public static IngestionException invalidRegistry(String origin, String where, String problem) {
    return new IngestionException(String.format(
        "Invalid dataset registry %s at %s: %s. Fix that entry and run again; "
            + "config/datasets.yaml documents every key.", origin, where, problem));
  }

  public static IngestionException invalidEnvironment(String origin, String problem) {
    return new IngestionException(String.format(
        "Invalid environment settings %s: %s. Compare with config/environments/local.yaml.",
        origin, problem));
  }

  /** A warehouse setting that cannot work; {@code origin} is the settings file, or null. */
  public static InvalidSettingsException invalidWarehouse(String origin, String problem) {
    return new InvalidSettingsException(String.format(
        "Invalid warehouse settings%s: %s. Nothing was ingested; fix the warehouse: section "
            + "(docs/configuration.md) and run again.",
        origin == null ? "" : " in " + origin, problem), problem);
  }

  public static IngestionException configNotFound(String location, Throwable cause) {
    return new IngestionException(String.format(
        "Cannot read configuration '%s': %s. Check the path (local file, classpath:..., "
            + "s3a:// or s3:// URI) and the credentials for it.", location, cause.getMessage()),
        cause);
  }

  public static IngestionException unknownEnvironment(String name, Collection<String> known) {
    return new IngestionException(String.format(
        "Unknown environment '%s': no config/environments/%s.yaml in the job jar. "
            + "Use one of %s, or pass --config with a settings file.", name, name, known));
  }

  public static IngestionException inputNotFound(String input, Throwable cause) {
    return new IngestionException(String.format(
        "Input '%s' does not exist or cannot be listed%s. Pass an existing file, folder or "
            + "URI with --input.", input, cause == null ? "" : " (" + cause.getMessage() + ")"),
        cause);
  }

  public static IngestionException ambiguousDataset(String file, List<String> datasets) {
    return new IngestionException(String.format(
        "File '%s' matches several datasets %s. Make their file_pattern entries in "
            + "config/datasets.yaml mutually exclusive.", file, datasets));
  }

  public static IngestionException accountingMismatch(
      String file, long written, long expected, long loaded, long quarantined) {
    return new IngestionException(String.format(
        "Row accounting failed for '%s': a commit wrote %d rows where %d were expected "
            + "(loaded %d, quarantined %d). The file was not marked processed; re-run it and "
            + "report this as a bug.", file, written, expected, loaded, quarantined));
  }

  public static IngestionException missingCredentials(String userEnv, String passwordEnv) {
    return new IngestionException(String.format(
        "Warehouse credentials are not set: the environment variables %s and %s must hold the "
            + "user and password. Set them, set warehouse.secret_arn to read the login from AWS "
            + "Secrets Manager, or set warehouse.type: none.", userEnv, passwordEnv));
  }

  public static IngestionException secretUnreadable(String arn, String reason) {
    return new IngestionException(String.format(
        "Cannot read the warehouse secret %s: %s. Check that the secret exists in that region and "
            + "that the job's role (the EMR instance profile) may call secretsmanager:GetSecretValue "
            + "on it and kms:Decrypt on its key.", arn, reason));
  }

  public static IngestionException secretMalformed(String arn, String problem) {
    return new IngestionException(String.format(
        "The warehouse secret %s is not usable: %s. Store a JSON object with \"username\" and "
            + "either \"password\" or, for Snowflake key-pair login, \"private_key\" (an "
            + "unencrypted PKCS#8 PEM).", arn, problem));
  }

  public static IngestionException reconciliationMismatch(String dataset, long silverRows,
      long warehouseRows, String silverKeySum, String warehouseKeySum) {
    return new IngestionException(String.format(
        "Reconciliation failed for '%s': silver has %d rows (key checksum %s) but the warehouse "
            + "table has %d rows (key checksum %s). Something changed the warehouse table outside "
            + "the pipeline, or a publish was lost; compare the two by key, then reset the "
            + "dataset's row in _publish_state to republish.",
        dataset, silverRows, silverKeySum, warehouseRows, warehouseKeySum));
  }

  public static IngestionException publishFailed(String dataset, Throwable cause) {
    return new IngestionException(String.format(
        "Publishing '%s' to the warehouse failed: %s. Nothing was recorded as published; the "
            + "next run publishes the same changes again.", dataset, cause.getMessage()), cause);
  }

  public static FileRejectedException emptyFile(String file) {
    return new FileRejectedException(file, String.format(
        "File '%s' is empty: it has no header line. Re-export it with a header row, "
            + "then drop it into incoming/ again.", file), null);
  }

  public static FileRejectedException badHeader(String file, String problem, List<String> header) {
    return new FileRejectedException(file, String.format(
        "File '%s' has an unusable header: %s (header read: %s). Fix the header row "
            + "and drop the file into incoming/ again.", file, problem, header), null);
  }

  public static FileRejectedException missingKeyColumns(
      String file, String dataset, List<String> missing, List<String> header) {
    return new FileRejectedException(file, String.format(
        "File '%s' (dataset '%s') lacks key column(s) %s, so its rows cannot be matched to "
            + "existing records. Header read: %s. Check the delimiter (a comma is expected) "
            + "and the column names, fix the file and drop it into incoming/ again.",
        file, dataset, missing, header), null);
  }

  public static FileRejectedException badWorkbook(String file, String problem) {
    return new FileRejectedException(file, String.format(
        "Workbook '%s' cannot be ingested: %s. Nothing of it was written; fix it and drop it "
            + "into incoming/ again.", file, problem), null);
  }

  public static FileRejectedException unreadable(String file, Throwable cause) {
    return new FileRejectedException(file, String.format(
        "File '%s' cannot be read: %s. Nothing of it was written; check that it is a "
            + "UTF-8 CSV (or .xlsx) and drop a good copy into incoming/ again.",
        file, cause.getMessage()), cause);
  }

  public static FileRejectedException wrongDelimiter(String file, String dataset, char found,
      List<String> columns) {
    String shown = found == '\t' ? "a tab" : "'" + found + "'";
    return new FileRejectedException(file, String.format(
        "File '%s' (dataset '%s') uses %s as its delimiter where a comma is expected: its "
            + "header reads as one column, which split at %s gives %s. Excel writes ';' where the list separator is "
            + "a semicolon (Brazilian and other decimal-comma locales). Save it again as "
            + "\"CSV UTF-8 (Comma delimited)\" (or set the list separator to a comma) and drop "
            + "it into incoming/ again.", file, dataset, shown, shown, columns), null);
  }

  public static FileRejectedException noRecords(String file, String dataset, long blank) {
    return new FileRejectedException(file, String.format(
        "File '%s' (dataset '%s') has a header but no records%s, so there is nothing to load. "
            + "Re-export it with its rows, then drop it into incoming/ again.", file, dataset,
        blank == 0 ? "" : " (only " + blank + " blank row(s))"), null);
  }

  /**
   * {@code topRules} are the most frequent failing rules, each with its count and one example
   * value, already formatted (e.g. {@code allowed:payment_type (20 rows, e.g. 'cash')}).
   */
  public static FileRejectedException tooManyQuarantined(String file, String dataset,
      long quarantined, long records, double maxShare, List<String> topRules) {
    return new FileRejectedException(file, String.format(
        "File '%s' (dataset '%s') was refused whole: %d of %d records (%.0f%%) fail the quality "
            + "rules, over the dataset's max_quarantined_share of %.0f%%. Most frequent: %s. "
            + "Nothing of it was written. A file this bad is usually the wrong export (columns "
            + "shifted, another locale's formats): fix it and drop it into incoming/ again, or "
            + "raise max_quarantined_share for '%s' in config/datasets.yaml.",
        file, dataset, quarantined, records, 100.0 * quarantined / records, 100.0 * maxShare,
        String.join("; ", topRules), dataset), null);
  }

  public static FileRejectedException unusableFileName(String file, Throwable cause) {
    return new FileRejectedException(file, String.format(
        "File '%s' cannot be read under its file name: %s. Hadoop cannot open this name on "
            + "this file system (on a local disk, a ':' in a file name: Hadoop parses the name of "
            + "its checksum file as a URI; S3 keys are not affected). Rename it without ':' and "
            + "drop it into incoming/ again.", file,
        cause.getMessage()), cause);
  }

  public static IngestionException unusableLake(String lake, String problem) {
    return new IngestionException(String.format(
        "The lake location '%s' (--lake, or the environment's lake setting) is not usable: %s. Pass a folder or URI (local path, "
            + "s3:// or s3a://) that is a folder or does not exist yet; it is created on the "
            + "first run.", lake, problem));
  }

  /** The reason reported for a file found below the input folder, which is not read. */
  public static String notReadInSubFolder(String file, String input) {
    return String.format("'%s' is in a sub-folder of the input '%s'; not read (only the "
        + "input's direct files are). Move it directly into the input folder to ingest it.",
        file, input);
  }

  /** The reason reported for a workbook sheet that maps to no dataset and was skipped. */
  public static String sheetSkipped(String workbook, String sheet) {
    return String.format("sheet '%s' of workbook '%s' matches no dataset; skipped (not read). "
        + "Name the sheet after its dataset, list the name under the dataset's sheet_aliases "
        + "in config/datasets.yaml, or set workbooks.unknown_sheets: reject to refuse such "
        + "workbooks.", sheet, workbook);
  }

  public static FileRejectedException unknownSheet(String workbook, String sheet) {
    return badWorkbook(workbook, "sheet '" + sheet + "' matches no dataset and "
        + "workbooks.unknown_sheets is 'reject'; name each sheet after its dataset (e.g. "
        + "'orders' or 'olist_orders_dataset') or list it under the dataset's sheet_aliases");
  }

  /** Begins the problem of {@link #noDatasetSheet}, which callers tell apart. */
  public static final String NO_DATASET_SHEET = "none of its sheets";

  public static FileRejectedException noDatasetSheet(String workbook, List<String> sheets) {
    return badWorkbook(workbook, NO_DATASET_SHEET + " " + sheets + " matches a dataset; name "
        + "a sheet after its dataset (e.g. 'orders' or 'olist_orders_dataset') or list it "
        + "under the dataset's sheet_aliases in config/datasets.yaml");
  }

  public static IngestionException catalogDatabaseMissing(String database) {
    return new IngestionException(String.format(
        "The Glue database '%s' does not exist, so the lake's tables could not be registered. "
            + "The lake is committed and the files are archived. The stack creates the database "
            + "(infrastructure/catalog.tf, output glue_database): apply it, or set "
            + "catalog.database to an existing database; the next run registers every table.",
        database));
  }

  public static IngestionException catalogFailed(String database, String table, Throwable cause) {
    return new IngestionException(String.format(
        "Registering %s in the Glue database '%s' failed: %s. The lake is committed and the "
            + "files are archived; only the catalog entry is behind. Check that the instance "
            + "profile may call glue:GetDatabase, GetTable, CreateTable and UpdateTable on that "
            + "database; the next run registers every table again.",
        table, database, cause.getMessage()), cause);
  }

  public static IngestionException catalogUnreachable(String database, Throwable cause) {
    return new IngestionException(String.format(
        "The Glue catalog (database '%s') cannot be reached from here: %s. Nothing was read or "
            + "written. Set the region (AWS_REGION) and credentials of the default AWS chain (on "
            + "EMR the instance profile gives both), or run without a Glue catalog (catalog.type "
            + "none, no --catalog-database).", database, cause.getMessage()), cause);
  }

  public static IngestionException notAQuery(String query, String statement) {
    return new IngestionException(String.format(
        "sql runs queries only (SELECT, WITH, VALUES, SHOW, DESCRIBE); this is a %s, which would "
            + "change the lake or the catalog outside the job (no run id, audit or ledger row).%n"
            + "Query: %s%nChange the lake by dropping files into incoming/.", statement, query));
  }

  public static IngestionException queryFailed(String query, Throwable cause) {
    return new IngestionException(String.format(
        "The query failed: %s%nQuery: %s%nThe lake's tables are registered as <database>.<name>: "
            + "silver tables by dataset name (orders), others as bronze_<dataset>, quarantine, "
            + "audit, ledger, publish_audit.", cause.getMessage(), query), cause);
  }
}
