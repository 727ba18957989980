package io.lakeingest.job.sample;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Orders with consistent lifecycles; the other files hang off them. */
final class SampleOrders {
  private static final LocalDateTime FIRST_PURCHASE = LocalDateTime.of(2016, 9, 4, 21, 15, 19);
  private static final long PURCHASE_WINDOW_MINUTES = 25L * 30 * 24 * 60;

  record Order(String id, String customerId, String customerUniqueId, String status,
      LocalDateTime purchase, LocalDateTime approved, LocalDateTime carrier,
      LocalDateTime delivered, LocalDateTime estimated) {}

  private final Random random;
  private final SampleCatalog catalog;

  SampleOrders(Random random, SampleCatalog catalog) {
    this.random = random;
    this.catalog = catalog;
  }

  List<Order> orders(int count) {
    return orders(count, FIRST_PURCHASE, PURCHASE_WINDOW_MINUTES);
  }

  /** The instant after the last purchase of {@link #orders(int)}: where a next day starts. */
  static LocalDateTime endOfHistory() {
    return FIRST_PURCHASE.plusMinutes(PURCHASE_WINDOW_MINUTES);
  }

  /** Orders purchased in {@code [from, from + windowMinutes)}. */
  List<Order> orders(int count, LocalDateTime from, long windowMinutes) {
    List<String> people = new ArrayList<>();
    List<Order> orders = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      // About 3.4% of customer ids belong to a person who ordered before.
      String person = !people.isEmpty() && catalog.chance(0.034)
          ? catalog.pick(people) : catalog.hexId();
      people.add(person);
      orders.add(order(catalog.hexId(), catalog.hexId(), person, from, windowMinutes));
    }
    return orders;
  }

  private Order order(String id, String customerId, String person, LocalDateTime from,
      long windowMinutes) {
    LocalDateTime purchase = from.plusMinutes((long) (random.nextDouble() * windowMinutes)).withNano(0);
    String status = status();
    LocalDateTime approved = "created".equals(status) ? null
        : purchase.plusMinutes(catalog.between(5, 2 * 24 * 60));
    boolean shipped = List.of("shipped", "delivered").contains(status);
    LocalDateTime carrier = shipped ? approved.plusHours(catalog.between(20, 120)) : null;
    LocalDateTime delivered = "delivered".equals(status)
        ? carrier.plusHours(catalog.between(48, 480)).plusSeconds(catalog.between(0, 3599))
        : null;
    LocalDateTime estimated = purchase.toLocalDate().plusDays(catalog.between(20, 40)).atStartOfDay();
    return new Order(id, customerId, person, status, purchase, approved, carrier, delivered, estimated);
  }

  private String status() {
    double p = random.nextDouble();
    if (p < 0.970) {
      return "delivered";
    } else if (p < 0.981) {
      return "shipped";
    } else if (p < 0.987) {
      return "canceled";
    } else if (p < 0.993) {
      return "unavailable";
    } else if (p < 0.996) {
      return "invoiced";
    } else if (p < 0.999) {
      return "processing";
    }
    return random.nextBoolean() ? "created" : "approved";
  }

  /** The same order later in its life: shipped becomes delivered, and so on. */
  Order advanced(Order order) {
    return switch (order.status()) {
      case "approved", "created", "invoiced", "processing" -> new Order(order.id(),
          order.customerId(), order.customerUniqueId(), "shipped", order.purchase(),
          order.approved() == null ? order.purchase().plusHours(2) : order.approved(),
          order.purchase().plusDays(3), null, order.estimated());
      case "shipped" -> new Order(order.id(), order.customerId(), order.customerUniqueId(),
          "delivered", order.purchase(), order.approved(), order.carrier(),
          order.carrier().plusDays(6), order.estimated());
      default -> order;
    };
  }

  /**
   * The next export's view of an order: advanced if it can be, else (delivered) with the
   * carrier's corrected delivery time, a day later.
   */
  Order updated(Order order) {
    Order advanced = advanced(order);
    if (advanced != order || order.delivered() == null) {
      return advanced;
    }
    return new Order(order.id(), order.customerId(), order.customerUniqueId(), order.status(),
        order.purchase(), order.approved(), order.carrier(), order.delivered().plusDays(1),
        order.estimated());
  }

  /** The same order earlier in its life (shipped, not yet delivered). */
  Order earlier(Order order) {
    if (!"delivered".equals(order.status())) {
      return order;
    }
    return new Order(order.id(), order.customerId(), order.customerUniqueId(), "shipped",
        order.purchase(), order.approved(), order.carrier(), null, order.estimated());
  }
}
