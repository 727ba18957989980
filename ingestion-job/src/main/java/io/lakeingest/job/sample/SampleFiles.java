package io.lakeingest.job.sample;

import static io.lakeingest.job.sample.OlistSampleGenerator.dateOnly;
import static io.lakeingest.job.sample.OlistSampleGenerator.stamp;
import static io.lakeingest.job.sample.SampleCsvWriter.id;
import static io.lakeingest.job.sample.SampleCsvWriter.quoted;
import static io.lakeingest.job.sample.SampleCsvWriter.text;

import io.lakeingest.job.sample.SampleOrders.Order;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/** Writes each of the sample files; one method per file, rows in Olist's column order. */
final class SampleFiles {
  private static final String LF = "\n";
  private static final String CRLF = "\r\n";
  /** Share of rows in a file that break a business rule on purpose. */
  private static final double BAD_ROW_SHARE = 0.0005;

  private final Path folder;
  private final SampleCatalog catalog;
  private final SampleOrders lifecycle;
  private final String suffix;

  SampleFiles(Path folder, SampleCatalog catalog, SampleOrders lifecycle) {
    this(folder, catalog, lifecycle, "");
  }

  /** {@code suffix} goes before {@code .csv}, e.g. {@code _batch_0001}: a later export's name. */
  SampleFiles(Path folder, SampleCatalog catalog, SampleOrders lifecycle, String suffix) {
    this.folder = folder;
    this.catalog = catalog;
    this.lifecycle = lifecycle;
    this.suffix = suffix;
  }

  private Path file(String name) {
    return folder.resolve(name.replace(".csv", suffix + ".csv"));
  }

  Path customers(List<Order> orders, List<String> zips) throws IOException {
    Path file = file("olist_customers_dataset.csv");
    try (SampleCsvWriter out = new SampleCsvWriter(file, LF, false)) {
      out.header(List.of("customer_id", "customer_unique_id", "customer_zip_code_prefix",
          "customer_city", "customer_state"), true);
      for (Order order : orders) {
        String[] city = catalog.pick(SampleCatalog.CITIES);
        out.row(id(order.customerId()), id(order.customerUniqueId()), quoted(catalog.pick(zips)),
            text(city[0]), city[1]);
      }
    }
    return file;
  }

  Path sellers(List<String> sellerIds, List<String> zips) throws IOException {
    Path file = file("olist_sellers_dataset.csv");
    try (SampleCsvWriter out = new SampleCsvWriter(file, LF, false)) {
      out.header(List.of("seller_id", "seller_zip_code_prefix", "seller_city", "seller_state"), true);
      for (String seller : sellerIds) {
        String[] city = catalog.pick(SampleCatalog.CITIES);
        String cityName = catalog.chance(0.03) ? catalog.pick(SampleCatalog.DIRTY_SELLER_CITIES) : city[0];
        out.row(id(seller), quoted(catalog.pick(zips)), text(cityName), city[1]);
      }
    }
    return file;
  }

  Path products(List<String> productIds) throws IOException {
    Path file = file("olist_products_dataset.csv");
    try (SampleCsvWriter out = new SampleCsvWriter(file, LF, false)) {
      out.header(List.of("product_id", "product_category_name", "product_name_lenght",
          "product_description_lenght", "product_photos_qty", "product_weight_g",
          "product_length_cm", "product_height_cm", "product_width_cm"), true);
      for (String product : productIds) {
        boolean uncategorised = catalog.chance(0.0185);
        out.row(id(product),
            uncategorised ? "" : catalog.pick(SampleCatalog.CATEGORIES),
            uncategorised ? "" : number(5, 76),
            uncategorised ? "" : number(4, 3992),
            uncategorised ? "" : number(1, 20),
            number(50, 40_000), number(7, 105), number(2, 105), number(6, 118));
      }
    }
    return file;
  }

  /** Unquoted header behind a byte-order mark, CRLF, no line ending after the last row. */
  Path translation() throws IOException {
    Path file = file("product_category_name_translation.csv");
    try (SampleCsvWriter out = new SampleCsvWriter(file, CRLF, true)) {
      out.header(List.of("product_category_name", "product_category_name_english"), false);
      List<String> translated = SampleCatalog.CATEGORIES.subList(
          0, SampleCatalog.CATEGORIES.size() - SampleCatalog.UNTRANSLATED);
      for (String category : translated) {
        out.row(category, english(category));
      }
      out.finish(false);
    }
    return file;
  }

  Path geolocation(List<String> zips, int rows) throws IOException {
    Path file = file("olist_geolocation_dataset.csv");
    try (SampleCsvWriter out = new SampleCsvWriter(file, LF, false)) {
      out.header(List.of("geolocation_zip_code_prefix", "geolocation_lat", "geolocation_lng",
          "geolocation_city", "geolocation_state"), true);
      String[] previous = null;
      for (int i = 0; i < rows; i++) {
        // About a quarter of the real file's rows repeat an earlier row exactly.
        if (previous != null && catalog.chance(0.26)) {
          out.row(previous);
          continue;
        }
        String[] city = catalog.pick(SampleCatalog.CITIES);
        boolean abroad = catalog.chance(0.0001);
        String cityName = "sao paulo".equals(city[0]) && catalog.chance(0.2) ? "são paulo" : city[0];
        previous = new String[] {quoted(catalog.pick(zips)),
            coordinate(abroad ? 38.0 : -33.0, abroad ? 42.0 : 4.0),
            coordinate(abroad ? -9.0 : -73.0, abroad ? -7.0 : -35.0), text(cityName), city[1]};
        out.row(previous);
      }
    }
    return file;
  }

  /** Orders; a few appear twice (an earlier lifecycle state too), a few have a bad date. */
  Path orders(List<Order> orders) throws IOException {
    Path file = file("olist_orders_dataset.csv");
    int bad = badRows(orders.size());
    try (SampleCsvWriter out = new SampleCsvWriter(file, LF, false)) {
      out.header(List.of("order_id", "customer_id", "order_status", "order_purchase_timestamp",
          "order_approved_at", "order_delivered_carrier_date", "order_delivered_customer_date",
          "order_estimated_delivery_date"), true);
      for (int i = 0; i < orders.size(); i++) {
        Order order = orders.get(i);
        if (i % 200 == 7) {
          writeOrder(out, lifecycle.earlier(order), stamp(order.purchase()));
        }
        String purchase = i < bad ? "2017-02-30 25:61:00" : stamp(order.purchase());
        writeOrder(out, order, purchase);
      }
    }
    return file;
  }

  /** A later export: advanced lifecycles, columns in another order, one column more. */
  Path orderUpdates(List<Order> orders) throws IOException {
    return orderUpdates(orders, lifecycle::advanced);
  }

  /** The update export with {@code change} applied; unchanged orders are left out. */
  Path orderUpdates(List<Order> orders, java.util.function.UnaryOperator<Order> change)
      throws IOException {
    Path file = file(OlistSampleGenerator.UPDATE_FILE);
    try (SampleCsvWriter out = new SampleCsvWriter(file, LF, false)) {
      out.header(List.of("order_status", "order_id", "customer_id", "order_purchase_timestamp",
          "order_approved_at", "order_delivered_carrier_date", "order_delivered_customer_date",
          "order_estimated_delivery_date", "order_channel"), true);
      for (Order original : orders) {
        Order order = change.apply(original);
        if (order != original) {
          out.row(order.status(), id(order.id()), id(order.customerId()), stamp(order.purchase()),
              stamp(order.approved()), stamp(order.carrier()), stamp(order.delivered()),
              stamp(order.estimated()), "app");
        }
      }
    }
    return file;
  }

  Path items(List<Order> orders, List<String> products, List<String> sellers) throws IOException {
    Path file = file("olist_order_items_dataset.csv");
    int bad = badRows(orders.size());
    try (SampleCsvWriter out = new SampleCsvWriter(file, LF, false)) {
      out.header(List.of("order_id", "order_item_id", "product_id", "seller_id",
          "shipping_limit_date", "price", "freight_value"), true);
      for (int i = 0; i < orders.size(); i++) {
        Order order = orders.get(i);
        int count = catalog.chance(0.88) ? 1 : catalog.chance(0.75) ? 2 : catalog.between(3, 5);
        String product = catalog.pick(products);
        String seller = catalog.pick(sellers);
        // The real file has a handful of shipping limits in 2020.
        LocalDateTime limit = i % 25_000 == 11
            ? LocalDateTime.of(2020, 2, 3, 20, 31, 48)
            : order.purchase().plusDays(catalog.between(2, 7));
        for (int item = 1; item <= count; item++) {
          String price = i < bad && item == 1 ? "-12.50" : catalog.money(5, 500);
          out.row(id(order.id()), String.valueOf(item), id(product), id(seller), stamp(limit),
              price, catalog.money(0, 60));
        }
      }
    }
    return file;
  }

  Path payments(List<Order> orders) throws IOException {
    Path file = file("olist_order_payments_dataset.csv");
    int bad = badRows(orders.size());
    try (SampleCsvWriter out = new SampleCsvWriter(file, LF, false)) {
      out.header(List.of("order_id", "payment_sequential", "payment_type",
          "payment_installments", "payment_value"), true);
      for (int i = 0; i < orders.size(); i++) {
        Order order = orders.get(i);
        String type = i < bad ? "pix" : paymentType();
        int installments = "credit_card".equals(type) ? catalog.between(1, 10) : 1;
        out.row(id(order.id()), "1", type, String.valueOf(installments), catalog.money(10, 600));
        int vouchers = catalog.chance(0.04) ? catalog.between(1, 2) : 0;
        for (int v = 0; v < vouchers; v++) {
          out.row(id(order.id()), String.valueOf(2 + v), "voucher", "1", catalog.money(0, 50));
        }
      }
    }
    return file;
  }

  /** CRLF file whose comments hold quoted line breaks, commas and doubled quotes. */
  Path reviews(List<Order> orders) throws IOException {
    Path file = file("olist_order_reviews_dataset.csv");
    int bad = badRows(orders.size());
    try (SampleCsvWriter out = new SampleCsvWriter(file, CRLF, false)) {
      out.header(List.of("review_id", "order_id", "review_score", "review_comment_title",
          "review_comment_message", "review_creation_date", "review_answer_timestamp"), true);
      String previousReview = null;
      for (int i = 0; i < orders.size(); i++) {
        Order order = orders.get(i);
        if (catalog.chance(0.008)) {
          continue;
        }
        // review_id alone repeats across orders in the real data: the key is the pair.
        String reviewId = previousReview != null && catalog.chance(0.008) ? previousReview : catalog.hexId();
        previousReview = reviewId;
        LocalDateTime created = (order.delivered() != null ? order.delivered()
            : order.purchase().plusDays(10)).toLocalDate().plusDays(1).atStartOfDay();
        LocalDateTime answered = created.plusHours(catalog.between(1, 72)).plusSeconds(catalog.between(0, 3599));
        String score = i < bad ? "6" : String.valueOf(score());
        String title = catalog.chance(0.12) ? "recomendo" : null;
        String message = catalog.chance(0.42) ? catalog.pick(SampleCatalog.COMMENTS) : null;
        if (i % 300 == 13) {
          // An earlier answer of the same review, superseded by the row that follows.
          out.row(id(reviewId), id(order.id()), score, text(title), text(message),
              dateOnly(created), stamp(answered.minusHours(1)));
        }
        out.row(id(reviewId), id(order.id()), score, text(title), text(message),
            dateOnly(created), stamp(answered));
      }
    }
    return file;
  }

  private int badRows(int rows) {
    return (int) Math.ceil(rows * BAD_ROW_SHARE);
  }

  private void writeOrder(SampleCsvWriter out, Order order, String purchase) throws IOException {
    out.row(id(order.id()), id(order.customerId()), order.status(), purchase,
        stamp(order.approved()), stamp(order.carrier()), stamp(order.delivered()),
        stamp(order.estimated()));
  }

  private String paymentType() {
    if (catalog.chance(0.0001)) {
      return "not_defined";
    }
    double p = catalog.between(0, 999) / 1000.0;
    return p < 0.74 ? "credit_card" : p < 0.93 ? "boleto" : p < 0.985 ? "voucher" : "debit_card";
  }

  private int score() {
    int p = catalog.between(0, 99);
    return p < 57 ? 5 : p < 76 ? 4 : p < 84 ? 3 : p < 87 ? 2 : 1;
  }

  private String number(int low, int high) {
    return String.valueOf(catalog.between(low, high));
  }

  private String coordinate(double low, double high) {
    return String.format(Locale.ROOT, "%.14f", low + (high - low) * catalog.between(0, 1_000_000) / 1e6);
  }

  private static String english(String category) {
    return category.replace("_", " ").replace("cama mesa banho", "bed bath table")
        .replace("beleza saude", "health beauty").replace(" ", "_");
  }
}
