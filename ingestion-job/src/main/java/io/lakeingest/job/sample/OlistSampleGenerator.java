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

  /** The entities every file hangs off; drawn first, so a daily batch can redraw them. */
  private record Base(List<String> sellerIds, List<String> productIds, List<String> zips,
      SampleOrders lifecycle, List<SampleOrders.Order> orders) {}

  private Base base() {
    int orders = scaled(FULL_ORDERS, 20);
    List<String> sellerIds = ids(scaled(FULL_SELLERS, 5));
    List<String> productIds = ids(scaled(FULL_PRODUCTS, 10));
    List<String> zips = zipPrefixes(scaled(FULL_GEO_PREFIXES, 10));
    SampleOrders lifecycle = new SampleOrders(random, catalog);
    return new Base(sellerIds, productIds, zips, lifecycle, lifecycle.orders(orders));
  }

  /**
   * Writes the next day's export for the sample of this scale and seed: {@code newOrders}
   * orders purchased in the day after its history, with their customers, items, payments and
   * reviews, and updates of its {@code newOrders / 4} most recent orders (status advanced, or
   * delivery time corrected): a batch of fixed size whatever the scale. Names end in
   * {@code _batch_0001} so they sit beside the first load's files.
   */
  public List<Path> writeDailyBatchTo(Path folder, int newOrders) throws IOException {
    if (newOrders < 1) {
      throw new IllegalArgumentException("a daily batch needs at least one new order, got " + newOrders);
    }
    Files.createDirectories(folder);
    Base base = base();
    java.time.LocalDateTime day = SampleOrders.endOfHistory();
    List<SampleOrders.Order> recent = base.orders().stream()
        .sorted(java.util.Comparator.comparing(SampleOrders.Order::purchase).reversed())
        .limit(Math.max(1, newOrders / 4)).toList();
    List<SampleOrders.Order> fresh = base.lifecycle().orders(newOrders, day, 24 * 60);
    SampleFiles files = new SampleFiles(folder, catalog, base.lifecycle(), "_batch_0001");
    List<Path> written = new ArrayList<>();
    written.add(files.customers(fresh, base.zips()));
    written.add(files.orders(fresh));
    written.add(files.orderUpdates(recent, base.lifecycle()::updated));
    written.add(files.items(fresh, base.productIds(), base.sellerIds()));
    written.add(files.payments(fresh));
    written.add(files.reviews(fresh));
    return written;
  }

  /** Writes all files into {@code folder} (created if needed); returns their paths. */
  public List<Path> writeTo(Path folder) throws IOException {
    Files.createDirectories(folder);
    Base base = base();
    List<String> sellerIds = base.sellerIds();
    List<String> productIds = base.productIds();
    List<String> zips = base.zips();
    SampleOrders lifecycle = base.lifecycle();
    List<SampleOrders.Order> orderList = base.orders();

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
