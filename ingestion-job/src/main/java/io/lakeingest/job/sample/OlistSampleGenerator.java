package io.lakeingest.job.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic Olist-shaped sample: the nine files with the real headers and quirks
 * (mixed quoting, multi-line CRLF review comments, a BOM, dirty seller cities, exact
 * duplicate geolocation rows, key duplicates within and across files) plus a few rows
 * that break business rules, so a run shows the quarantine at work. Scale 1.0 gives about
 * the real dataset's row counts. Same scale and seed, same bytes.
 */
public final class OlistSampleGenerator {
  static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  static final int FULL_ORDERS = 99_441;
  static final int FULL_PRODUCTS = 32_951;
  static final int FULL_SELLERS = 3_095;
  static final int FULL_GEO_PREFIXES = 19_015;
  static final String UPDATE_FILE = "olist_orders_dataset_update_001.csv";

  private final double scale;
  private final Random random;
  private final SampleCatalog catalog;

  public OlistSampleGenerator(double scale, long seed) {
    if (!(scale > 0 && scale <= 100)) {
      throw new IllegalArgumentException("scale must be in (0, 100], got " + scale);
    }
    this.scale = scale;
    this.random = new Random(seed);
    this.catalog = new SampleCatalog(random);
  }

  /** Writes all files into {@code folder} (created if needed); returns their paths. */
  public List<Path> writeTo(Path folder) throws IOException {
    Files.createDirectories(folder);
    int orders = scaled(FULL_ORDERS, 20);
    List<String> sellerIds = ids(scaled(FULL_SELLERS, 5));
    List<String> productIds = ids(scaled(FULL_PRODUCTS, 10));
    List<String> zips = zipPrefixes(scaled(FULL_GEO_PREFIXES, 10));
    SampleOrders lifecycle = new SampleOrders(random, catalog);
    List<SampleOrders.Order> orderList = lifecycle.orders(orders);

    SampleFiles files = new SampleFiles(folder, catalog, lifecycle);
    List<Path> written = new ArrayList<>();
    written.add(files.customers(orderList, zips));
    written.add(files.sellers(sellerIds, zips));
    written.add(files.products(productIds));
    written.add(files.translation());
    written.add(files.geolocation(zips, (int) Math.round(FULL_ORDERS * 10.06 * scale)));
    written.add(files.orders(orderList));
    written.add(files.orderUpdates(orderList));
    written.add(files.items(orderList, productIds, sellerIds));
    written.add(files.payments(orderList));
    written.add(files.reviews(orderList));
    return written;
  }

  private int scaled(int full, int minimum) {
    return Math.max(minimum, (int) Math.round(full * scale));
  }

  private List<String> ids(int count) {
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(catalog.hexId());
    }
    return ids;
  }

  private List<String> zipPrefixes(int count) {
    List<String> zips = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      zips.add(String.format(Locale.ROOT, "%05d", 1000 + random.nextInt(98_000)));
    }
    return zips;
  }

  static String stamp(LocalDateTime time) {
    return time == null ? "" : STAMP.format(time);
  }

  static String dateOnly(LocalDateTime time) {
    return STAMP.format(time.toLocalDate().atStartOfDay());
  }
}
