package io.lakeingest.job.testing;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An independent, plain-Java statement of a few registry rules, used to derive from the
 * files themselves how many rows the job must quarantine. It knows nothing of Spark.
 */
public final class ExpectedQuarantine {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final Set<String> PAYMENT_TYPES =
      Set.of("credit_card", "boleto", "voucher", "debit_card", "not_defined");

  private ExpectedQuarantine() {}

  public static long count(String dataset, List<Map<String, String>> rows) {
    Predicate<Map<String, String>> bad = switch (dataset) {
      case "orders" -> r -> !parses(r.get("order_purchase_timestamp"));
      case "order_items" -> r -> new BigDecimal(r.get("price")).signum() < 0;
      case "order_payments" -> r -> !PAYMENT_TYPES.contains(r.get("payment_type"));
      case "order_reviews" -> r -> {
        int score = Integer.parseInt(r.get("review_score"));
        return score < 1 || score > 5;
      };
      default -> r -> r.values().stream().allMatch(v -> v == null || v.isBlank());
    };
    return rows.stream().filter(bad).count();
  }

  private static boolean parses(String value) {
    try {
      LocalDateTime.parse(value, STAMP);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
