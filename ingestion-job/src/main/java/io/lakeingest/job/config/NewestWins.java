package io.lakeingest.job.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Which version of a key wins. {@code SEQUENCE} compares the first column, then the next;
 * {@code GREATEST} takes the latest non-null of the columns (an order's lifecycle stamps).
 * Remaining ties go to the later arrival (file modification time, path, run, record).
 */
public record NewestWins(Combine combine, @JsonProperty("order_by") List<String> orderBy) {
  public enum Combine { SEQUENCE, GREATEST }

  public static final NewestWins NONE = new NewestWins(Combine.SEQUENCE, List.of());

  public NewestWins {
    combine = combine == null ? Combine.SEQUENCE : combine;
    orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
  }
}
