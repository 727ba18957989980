package io.lakeingest.job.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The documented silver semantics in plain Java, with nothing of the job's code: what silver
 * must hold after a sequence of runs, each over the files then waiting in {@code incoming/}.
 *
 * <ul>
 *   <li>A file is identified by its bytes: content already loaded (under any name or time,
 *       in an earlier run or earlier in the same run) is skipped.</li>
 *   <li>Arrival order: the file's modification time, then its name (one folder), then the run
 *       (only two contents of one name and one time need it), then the row in the file.</li>
 *   <li>A version replaces the stored one when its ordering value is greater, or equal and it
 *       arrived later. Orders: the greatest non-null of the four lifecycle timestamps;
 *       payments have no ordering column, so the later arrival always wins.</li>
 * </ul>
 *
 * <p>Only the two datasets of the history test are modelled; every row it generates is valid.
 */
public final class NewestWinsModel {
  private static final ZoneId SOURCE_ZONE = ZoneId.of("America/Sao_Paulo");
  private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** One file waiting in incoming/ at a run. */
  public record File(String name, long modifiedAtMillis, byte[] content) {}

  private final Set<String> loadedContent = new HashSet<>();
  /** Per dataset: key → (ordering value, row as silver's data columns in text). */
  private final Map<String, TreeMap<String, Version>> silver = new TreeMap<>();

  private int runs;

  private record Version(String ordering, String arrival, List<String> row) {}

  /** Applies one run over {@code waiting}, the files in incoming/ when it starts. */
  public void run(List<File> waiting) {
    runs++;
    List<File> ordered = new ArrayList<>(waiting);
    ordered.sort(Comparator.comparingLong(File::modifiedAtMillis).thenComparing(File::name));
    for (File file : ordered) {
      if (!loadedContent.add(sha256(file.content()))) {
        continue;
      }
      String dataset = file.name().startsWith("olist_orders_dataset") ? "orders" : "order_payments";
      List<String> lines = new String(file.content(), StandardCharsets.UTF_8).lines().toList();
      for (int row = 1; row < lines.size(); row++) {
        String arrival = String.format("%020d|%s|%06d|%09d", file.modifiedAtMillis(), file.name(),
            runs, row);
        apply(dataset, List.of(lines.get(row).split(",", -1)), arrival);
      }
    }
  }

  private void apply(String dataset, List<String> fields, String arrival) {
    TreeMap<String, Version> table = silver.computeIfAbsent(dataset, d -> new TreeMap<>());
    if (dataset.equals("orders")) {
      List<String> row = new ArrayList<>();
      row.add(fields.get(0));
      row.add(fields.get(1));
      row.add(fields.get(2));
      String greatest = null;
      for (int i = 3; i <= 6; i++) {
        String utc = utc(fields.get(i));
        row.add(utc);
        if (utc != null && (greatest == null || utc.compareTo(greatest) > 0)) {
          greatest = utc;
        }
      }
      row.add(fields.get(7).isEmpty() ? null : fields.get(7));
      row.add(row.get(3).substring(0, 7)); // purchase_month, from the UTC purchase time
      offer(table, fields.get(0), new Version(greatest, arrival, row));
    } else {
      List<String> row = List.of(fields.get(0), fields.get(1), fields.get(2), fields.get(3),
          fields.get(4));
      offer(table, fields.get(0) + "|" + fields.get(1), new Version("", arrival, row));
    }
  }

  /** Newer ordering wins; equal ordering goes to the later arrival. */
  private static void offer(TreeMap<String, Version> table, String key, Version candidate) {
    Version current = table.get(key);
    int ordering = current == null ? 1 : candidate.ordering().compareTo(current.ordering());
    if (ordering > 0 || ordering == 0 && candidate.arrival().compareTo(current.arrival()) > 0) {
      table.put(key, candidate);
    }
  }

  /** Silver's rows for {@code dataset}: the data columns as text, sorted by key. */
  public List<List<String>> rows(String dataset) {
    return silver.getOrDefault(dataset, new TreeMap<>()).values().stream()
        .map(Version::row).toList();
  }

  static String utc(String wallClock) {
    if (wallClock.isEmpty()) {
      return null;
    }
    return LocalDateTime.parse(wallClock, TEXT).atZone(SOURCE_ZONE)
        .withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime().format(TEXT);
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
