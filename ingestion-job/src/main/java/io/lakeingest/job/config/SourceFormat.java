package io.lakeingest.job.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the source systems write values: the wall-clock zone and the timestamp pattern. */
public record SourceFormat(String timezone, @JsonProperty("timestamp_format") String timestampFormat) {
  public SourceFormat {
    timezone = timezone == null ? "UTC" : timezone;
    timestampFormat = timestampFormat == null ? "yyyy-MM-dd HH:mm:ss" : timestampFormat;
    try {
      ZoneId.of(timezone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("timezone '" + timezone
          + "' is not a region id such as America/Sao_Paulo", e);
    }
    try {
      DateTimeFormatter.ofPattern(timestampFormat);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "timestamp_format '" + timestampFormat + "' is not a valid pattern", e);
    }
    if (timestampFormat.contains("'")) {
      throw new IllegalArgumentException("timestamp_format must not contain quotes");
    }
  }
}
