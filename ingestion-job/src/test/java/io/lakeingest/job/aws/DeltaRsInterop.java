package io.lakeingest.job.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakeingest.trigger.testing.MotoServer;
import io.lakeingest.trigger.testing.PythonEnv;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * Every lake table read by delta-rs (python/delta_rows.py) gives the same rows as Spark, and
 * uses only the Delta features that the engines users query with can read (docs/interop.md):
 * reader version 1 and no reader features; writer features from a known list.
 */
final class DeltaRsInterop {
  /** Writer features the tables may use; a new one must be checked against docs/interop.md first. */
  static final Set<String> KNOWN_WRITER_FEATURES = Set.of("appendOnly", "invariants", "changeDataFeed");

  private static final ObjectMapper JSON = new ObjectMapper();
  private final MotoServer moto;

  DeltaRsInterop(MotoServer moto) {
    this.moto = moto;
  }

  void assertSameRowsAsSpark(SparkSession spark, List<String> tables, Path tmp)
      throws IOException, InterruptedException {
    JsonNode read = deltaRs(tables, tmp);
    for (String table : tables) {
      JsonNode rs = read.get(table);
      assertThat(rs).as("delta-rs read of %s", table).isNotNull();
      JsonNode protocol = rs.get("protocol");
      assertThat(protocol.get("minReaderVersion").asInt()).as("%s reader version", table).isEqualTo(1);
      assertThat(protocol.get("readerFeatures")).as("%s reader features", table).isEmpty();
      List<String> writerFeatures = new ArrayList<>();
      protocol.get("writerFeatures").forEach(f -> writerFeatures.add(f.asText()));
      assertThat(writerFeatures).as("%s writer features", table).isSubsetOf(KNOWN_WRITER_FEATURES);

      Dataset<Row> df = spark.read().format("delta").load(table);
      List<String> columns = Arrays.asList(df.columns());
      List<String> rsColumns = new ArrayList<>();
      rs.get("columns").forEach(c -> rsColumns.add(c.asText()));
      assertThat(rsColumns).as("%s columns", table).isEqualTo(columns);

      List<String> sparkRows = df.collectAsList().stream().map(r -> canonical(r, df.schema().fields())).sorted().toList();
      List<String> rsRows = new ArrayList<>();
      rs.get("rows").forEach(r -> rsRows.add(r.toString()));
      assertThat(rsRows.stream().sorted().toList()).as("%s rows, delta-rs against Spark", table)
          .isNotEmpty().isEqualTo(sparkRows);
    }
  }

  private JsonNode deltaRs(List<String> tables, Path tmp) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(PythonEnv.python().toString(),
        PythonEnv.repositoryRoot().resolve("python/delta_rows.py").toString(), moto.endpoint().toString()));
    command.addAll(tables);
    Path out = tmp.resolve("delta-rs.json");
    Path err = tmp.resolve("delta-rs.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY);
    builder.environment().put("AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY);
    builder.environment().put("AWS_REGION", MotoServer.REGION.id());
    Process process = builder.start();
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("delta-rs read finished").isTrue();
    assertThat(process.exitValue()).as("delta_rows.py: %s", java.nio.file.Files.readString(err)).isZero();
    return JSON.readTree(out.toFile());
  }

  /** The row as the JSON array delta_rows.py prints (see its canonical forms). */
  private static String canonical(Row row, StructField[] fields) {
    var array = JSON.createArrayNode();
    for (int i = 0; i < fields.length; i++) {
      Object v = row.get(i);
      if (v == null) {
        array.addNull();
      } else if (v instanceof Timestamp t) {
        array.add(Long.toString(t.toInstant().getEpochSecond() * 1_000_000L + t.toInstant().getNano() / 1_000));
      } else if (v instanceof java.time.Instant t) {
        array.add(Long.toString(t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000));
      } else if (v instanceof Date d) {
        array.add(Long.toString(d.toLocalDate().toEpochDay()));
      } else if (v instanceof java.time.LocalDate d) {
        array.add(Long.toString(d.toEpochDay()));
      } else if (v instanceof Double d) {
        array.add(new BigDecimal(d).toPlainString());
      } else if (v instanceof Float f) {
        array.add(new BigDecimal(f.doubleValue()).toPlainString());
      } else if (v instanceof BigDecimal d) {
        array.add(d.toPlainString());
      } else if (v instanceof scala.collection.Seq<?>) {
        var list = JSON.createArrayNode();
        row.getList(i).forEach(e -> list.add(e == null ? null : e.toString()));
        array.add(list.toString());
      } else if (v instanceof String || v instanceof Number || v instanceof Boolean) {
        array.add(v.toString());
      } else {
        throw new AssertionError("No canonical form for " + fields[i] + ": " + v.getClass());
      }
    }
    return array.toString();
  }
}
