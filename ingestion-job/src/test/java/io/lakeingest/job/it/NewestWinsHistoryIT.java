package io.lakeingest.job.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.job.pipeline.Pipeline;
import io.lakeingest.job.testing.NewestWinsModel;
import io.lakeingest.job.testing.TestConfigs;
import io.lakeingest.job.testing.SparkTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Model-based property test of silver: random histories of file drops (new keys, updates
 * with newer, equal and older ordering values, purchase times that move an order to another
 * month, status-only changes, nulls moving between columns, exact replays, old files re-sent
 * under new names, same-size corrections keeping the modification time) go through the real
 * pipeline, one drop per run and again batched several per run. After every run silver must
 * equal {@link NewestWinsModel}; the two batchings must end with the same silver.
 *
 * <p>More histories: {@code -Dhistory.seeds=1,2,3,...}.
 */
class NewestWinsHistoryIT extends SparkTestBase {
  private static final String ORDERS_HEADER = "order_id,customer_id,order_status,"
      + "order_purchase_timestamp,order_approved_at,order_delivered_carrier_date,"
      + "order_delivered_customer_date,order_estimated_delivery_date";
  private static final String PAYMENTS_HEADER =
      "order_id,payment_sequential,payment_type,payment_installments,payment_value";
  private static final List<String> ORDERS_COLUMNS = List.of("order_id", "customer_id",
      "order_status", "order_purchase_timestamp", "order_approved_at",
      "order_delivered_carrier_date", "order_delivered_customer_date",
      "order_estimated_delivery_date", "purchase_month");
  private static final List<String> PAYMENTS_COLUMNS = List.of("order_id", "payment_sequential",
      "payment_type", "payment_installments", "payment_value");
  /** Statuses of equal length, so a correction keeps the file's size. */
  private static final List<List<String>> SAME_LENGTH = List.of(
      List.of("created", "shipped"), List.of("approved", "invoiced", "canceled"));
  /** Sao Paulo wall-clock purchase times one hour apart around 21:00: 23:30 vs 00:30 UTC. */
  private static final List<String> PURCHASES = List.of(
      "2018-01-31 20:30:00", "2018-01-31 21:30:00", "2018-01-31 22:00:00");
  /** A small set, so versions often tie and nulls move between equal-valued columns. */
  private static final List<String> STAMPS = List.of(
      "", "2018-02-01 10:00:00", "2018-02-02 09:00:00");
  private static final long BASE_MILLIS = 1_600_000_000_000L;
  private static final int KEYS = 5;
  private static final int DROPS = 9;

  @TempDir
  Path tmp;

  static List<Long> seeds() {
    return List.of(System.getProperty("history.seeds", "11").split(",")).stream()
        .map(String::trim).map(Long::parseLong).toList();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void silverEqualsTheModelAfterEveryRunWhateverTheBatching(long seed) throws IOException {
    List<NewestWinsModel.File> drops = history(new Random(seed));
    List<List<NewestWinsModel.File>> oneByOne = drops.stream().map(List::of).toList();
    List<List<NewestWinsModel.File>> batched = batches(drops, new Random(seed * 31));
    String described = describe(drops);

    Path first = tmp.resolve("one-per-run");
    Path second = tmp.resolve("batched");
    List<List<String>> endOne = replay(first, oneByOne, described);
    List<List<String>> endBatched = replay(second, batched, described);
    assertThat(endBatched).as("the same history batched %s ends with the same silver",
        sizes(batched)).isEqualTo(endOne);
  }

  /**
   * A file corrected in place (same name, size and time) whose run crashed after bronze: the
   * re-run reads back only the corrected rows, not also the earlier content's (the path and
   * time alone matched both, so a 2-row file was read as 4).
   */
  @org.junit.jupiter.api.Test
  void aCorrectionInPlaceInterruptedAfterBronzeCountsOnlyItsOwnRows() throws IOException {
    Path incoming = tmp.resolve("crash/landing/incoming");
    Path lake = tmp.resolve("crash/lake");
    Files.createDirectories(incoming);
    Path file = incoming.resolve("olist_order_payments_dataset.csv");
    String header = PAYMENTS_HEADER + "\n";
    writeAt(file, header + "%032x,1,boleto,1,10.00\n%032x,1,boleto,1,10.00\n".formatted(1, 2));
    new Pipeline(spark(), TestConfigs.forRun(incoming, lake, "c1")).run();
    writeAt(file, header + "%032x,1,boleto,1,20.00\n%032x,1,boleto,1,20.00\n".formatted(1, 3));
    var crashing = new io.lakeingest.job.config.JobConfigLoader().load(
        new io.lakeingest.job.config.JobConfigLoader.Arguments(incoming.toString(), lake.toString(),
            "local", null, null, java.util.Map.of(), "c2",
            io.lakeingest.job.config.FaultPoint.AFTER_BRONZE, false));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Pipeline(spark(), crashing).run())
        .hasMessageContaining("Injected crash");

    var summary = new Pipeline(spark(), TestConfigs.forRun(incoming, lake, "c3")).run();

    var outcome = summary.files().stream().filter(f -> f.file().endsWith(".csv")).findFirst()
        .orElseThrow();
    assertThat(outcome.rowsRead()).isEqualTo(2);
    assertThat(outcome.rowsLoaded()).isEqualTo(2);
    assertThat(silver(lake, "order_payments", PAYMENTS_COLUMNS)).extracting(r -> r.get(4))
        .containsExactly("20.00", "10.00", "20.00");
  }

  private static void writeAt(Path file, String content) throws IOException {
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.fromMillis(BASE_MILLIS));
  }

  /** Runs the job over each batch in turn, comparing silver with the model after each run. */
  private List<List<String>> replay(Path root, List<List<NewestWinsModel.File>> runs,
      String described) throws IOException {
    Path incoming = root.resolve("landing/incoming");
    Path lake = root.resolve("lake");
    Files.createDirectories(incoming);
    NewestWinsModel model = new NewestWinsModel();
    for (int run = 0; run < runs.size(); run++) {
      for (NewestWinsModel.File file : runs.get(run)) {
        Path written = Files.write(incoming.resolve(file.name()), file.content());
        Files.setLastModifiedTime(written, FileTime.fromMillis(file.modifiedAtMillis()));
      }
      new Pipeline(spark(), TestConfigs.forRun(incoming, lake, "h" + run)).run();
      model.run(runs.get(run));
      String context = "after run " + run + " of " + sizes(runs) + "\n" + described;
      assertThat(silver(lake, "orders", ORDERS_COLUMNS)).as("orders " + context)
          .isEqualTo(model.rows("orders"));
      assertThat(silver(lake, "order_payments", PAYMENTS_COLUMNS)).as("payments " + context)
          .isEqualTo(model.rows("order_payments"));
    }
    List<List<String>> end = new ArrayList<>(silver(lake, "orders", ORDERS_COLUMNS));
    end.addAll(silver(lake, "order_payments", PAYMENTS_COLUMNS));
    return end;
  }

  /** Silver's rows as text, sorted by their key columns (every key must appear once). */
  private static List<List<String>> silver(Path lake, String dataset, List<String> columns) {
    Path table = lake.resolve("silver").resolve(dataset);
    if (!Files.exists(table)) {
      return List.of();
    }
    List<List<String>> rows = new ArrayList<>();
    for (Row row : spark().read().format("delta").load(table.toString())
        .selectExpr(columns.stream().map(c -> "cast(`" + c + "` as string)").toArray(String[]::new))
        .collectAsList()) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        values.add(row.isNullAt(i) ? null : row.getString(i));
      }
      rows.add(values);
    }
    rows.sort((a, b) -> (a.get(0) + "|" + a.get(1)).compareTo(b.get(0) + "|" + b.get(1)));
    if (dataset.equals("orders")) {
      rows.sort((a, b) -> a.get(0).compareTo(b.get(0)));
    }
    return rows;
  }

  /** A random history of drops into incoming/, with modification times following the drops. */
  static List<NewestWinsModel.File> history(Random random) {
    List<NewestWinsModel.File> drops = new ArrayList<>();
    for (int i = 0; i < DROPS; i++) {
      // Mostly in drop order; now and then an export made earlier and delivered late.
      long mtime = BASE_MILLIS + 60_000L * (random.nextInt(5) == 0 ? random.nextInt(i + 1) : i + 1)
          + i;
      int kind = drops.isEmpty() ? 0 : random.nextInt(10);
      if (kind <= 5) {
        boolean orders = random.nextInt(3) != 0;
        String name = (orders ? "olist_orders_dataset_" : "olist_order_payments_dataset_")
            + i + ".csv";
        drops.add(new NewestWinsModel.File(name, mtime,
            orders ? ordersFile(random) : paymentsFile(random)));
      } else if (kind <= 6) {
        // An exact replay: same name, same bytes, touched.
        NewestWinsModel.File old = drops.get(random.nextInt(drops.size()));
        drops.add(new NewestWinsModel.File(old.name(), mtime, old.content()));
      } else if (kind <= 7) {
        // An old file re-sent under a new name, touched or keeping its time (cp -p).
        NewestWinsModel.File old = drops.get(random.nextInt(drops.size()));
        drops.add(new NewestWinsModel.File(old.name().replace(".csv", "_resent" + i + ".csv"),
            random.nextBoolean() ? mtime : old.modifiedAtMillis(), old.content()));
      } else {
        // A correction with the same name, size and modification time (cp -p, rsync -a).
        NewestWinsModel.File old = drops.get(random.nextInt(drops.size()));
        drops.add(new NewestWinsModel.File(old.name(), old.modifiedAtMillis(),
            correct(old.content())));
      }
    }
    return drops;
  }

  private static byte[] ordersFile(Random random) {
    StringBuilder csv = new StringBuilder(ORDERS_HEADER).append('\n');
    int rows = 1 + random.nextInt(KEYS + 1);
    for (int r = 0; r < rows; r++) {
      int key = random.nextInt(KEYS);
      List<String> statuses = SAME_LENGTH.get(random.nextInt(SAME_LENGTH.size()));
      csv.append(String.format("%032x", 0xA000 + key)).append(',')
          .append(String.format("%032x", 0xC000 + key)).append(',')
          .append(statuses.get(random.nextInt(statuses.size()))).append(',')
          .append(PURCHASES.get(random.nextInt(PURCHASES.size()))).append(',')
          .append(STAMPS.get(random.nextInt(STAMPS.size()))).append(',')
          .append(STAMPS.get(random.nextInt(STAMPS.size()))).append(',')
          .append(random.nextInt(4) == 0 ? "2018-02-10 12:00:00" : "").append(',')
          .append("2018-02-20").append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] paymentsFile(Random random) {
    StringBuilder csv = new StringBuilder(PAYMENTS_HEADER).append('\n');
    int rows = 1 + random.nextInt(KEYS);
    for (int r = 0; r < rows; r++) {
      csv.append(String.format("%032x", 0xA000 + random.nextInt(3))).append(',')
          .append(1 + random.nextInt(2)).append(',')
          .append(random.nextBoolean() ? "boleto" : "voucher").append(',')
          .append(1 + random.nextInt(3)).append(',')
          .append(random.nextBoolean() ? "10.00" : "20.50").append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Statuses and payment values replaced by others of the same length: same size. */
  private static byte[] correct(byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String[] fields = line.split(",", -1);
      if (line.startsWith("order_id,")) {
        // The header stays.
      } else if (fields.length == 5) {
        fields[4] = fields[4].equals("10.00") ? "20.50" : "10.00";
      } else if (fields.length > 2) {
        for (List<String> group : SAME_LENGTH) {
          int at = group.indexOf(fields[2]);
          if (at >= 0) {
            fields[2] = group.get((at + 1) % group.size());
            break;
          }
        }
      }
      out.append(String.join(",", fields)).append('\n');
    }
    out.setLength(out.length() - 1);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Consecutive drops grouped into runs at random. A run is closed before a drop whose name is
   * already waiting in incoming/ (it would replace that file there).
   */
  static List<List<NewestWinsModel.File>> batches(List<NewestWinsModel.File> drops,
      Random random) {
    List<List<NewestWinsModel.File>> runs = new ArrayList<>();
    List<NewestWinsModel.File> current = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (NewestWinsModel.File drop : drops) {
      if (!current.isEmpty() && (names.contains(drop.name()) || random.nextInt(3) == 0)) {
        runs.add(current);
        current = new ArrayList<>();
        names.clear();
      }
      current.add(drop);
      names.add(drop.name());
    }
    runs.add(current);
    return runs;
  }

  private static List<Integer> sizes(List<List<NewestWinsModel.File>> runs) {
    return runs.stream().map(List::size).toList();
  }

  private static String describe(List<NewestWinsModel.File> drops) {
    StringBuilder text = new StringBuilder("history:\n");
    for (NewestWinsModel.File drop : drops) {
      text.append("--- ").append(drop.name()).append(" @").append(drop.modifiedAtMillis())
          .append('\n').append(new String(drop.content(), StandardCharsets.UTF_8)).append('\n');
    }
    return text.toString();
  }
}
