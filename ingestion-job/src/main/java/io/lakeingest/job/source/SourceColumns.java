package io.lakeingest.job.source;

/** Names of the columns the job adds to every raw record, shared by all stages. */
public final class SourceColumns {
  private SourceColumns() {}

  /** JSON object of header columns the registry does not know; never dropped. */
  public static final String RESCUED = "_rescued_data";
  /** The raw text of a record whose field count differs from the header's. */
  public static final String CORRUPT = "_corrupt_record";
  public static final String SOURCE_FILE = "_source_file";
  /** When the source file was last modified: the version of rows that carry no ordering. */
  public static final String SOURCE_MODIFIED_AT = "_source_modified_at";
  /** 1-based record number after the header (a quoted multi-line field is one record). */
  public static final String SOURCE_ROW = "_source_row";
  public static final String RUN_ID = "_run_id";
  public static final String INGESTED_AT = "_ingested_at";

  /** Lineage every record keeps from bronze to silver. */
  /**
   * When a record arrived, oldest first: the file's modification time, the file, the run (its
   * start: a file corrected in place keeps its path and may keep its time), the record's
   * number in the file. Breaks ties between versions of a key. Nothing here depends on which
   * run a file came in, except between two contents of one path with one modification time,
   * so the same files give the same silver however they are batched into runs.
   */
  public static final java.util.List<String> ARRIVAL =
      java.util.List.of(SOURCE_MODIFIED_AT, SOURCE_FILE, INGESTED_AT, SOURCE_ROW);
  public static final java.util.List<String> LINEAGE =
      java.util.List.of(SOURCE_FILE, SOURCE_MODIFIED_AT, SOURCE_ROW, RUN_ID, INGESTED_AT);
}
