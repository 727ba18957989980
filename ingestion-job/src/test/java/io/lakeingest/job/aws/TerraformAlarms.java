package io.lakeingest.job.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The metric alarms of infrastructure/monitoring.tf, read from the file itself (each
 * {@code resource "aws_cloudwatch_metric_alarm"} block's one-line attributes, with
 * {@code var.*} taken from the defaults in variables.tf), so a test puts into an emulator the
 * very definition Terraform would create, and follows the file when it changes.
 */
final class TerraformAlarms {
  private static final Pattern ATTRIBUTE = Pattern.compile("^\\s*(\\w+)\\s*=\\s*(.+?)\\s*$");

  private TerraformAlarms() {}

  /** One alarm's attributes as written in the .tf file (strings unquoted). */
  record Definition(String resource, Map<String, String> attributes) {
    String namespace() {
      return attributes.get("namespace");
    }

    String metricName() {
      return attributes.get("metric_name");
    }

    /** The dimensions block's entries, values as Terraform expressions ({@code each.key}). */
    Map<String, String> dimensions() {
      Map<String, String> dimensions = new LinkedHashMap<>();
      String block = attributes.get("dimensions").replaceAll("^\\{|\\}$", "");
      for (String entry : block.split(",")) {
        String[] kv = entry.split("=", 2);
        dimensions.put(kv[0].trim(), kv[1].trim());
      }
      return dimensions;
    }

    /**
     * The PutMetricAlarm Terraform sends for this alarm, with {@code var.environment} and
     * {@code each.key} (the dataset) filled in; {@code name} instead of the stack's name.
     */
    PutMetricAlarmRequest request(String name, String environment, String dataset, Path infrastructure) {
      List<Dimension> dims = dimensions().entrySet().stream().map(d -> Dimension.builder()
          .name(d.getKey()).value(switch (d.getValue()) {
            case "var.environment" -> environment;
            case "each.key" -> dataset;
            default -> throw new IllegalStateException("dimension " + d + " of " + resource);
          }).build()).toList();
      return PutMetricAlarmRequest.builder().alarmName(name)
          .namespace(namespace()).metricName(metricName()).dimensions(dims)
          .statistic(Statistic.fromValue(attributes.get("statistic")))
          .period(Integer.parseInt(attributes.get("period")))
          .evaluationPeriods(Integer.parseInt(attributes.get("evaluation_periods")))
          .threshold(Double.parseDouble(resolve(attributes.get("threshold"), infrastructure)))
          .comparisonOperator(ComparisonOperator.fromValue(attributes.get("comparison_operator")))
          .treatMissingData(attributes.get("treat_missing_data"))
          .build();
    }
  }

  /** The alarm {@code resource "aws_cloudwatch_metric_alarm" "<resource>"} of monitoring.tf. */
  static Definition read(Path infrastructure, String resource) {
    List<String> lines = lines(infrastructure.resolve("monitoring.tf"));
    int start = lines.indexOf("resource \"aws_cloudwatch_metric_alarm\" \"" + resource + "\" {");
    if (start < 0) {
      throw new IllegalStateException("no alarm " + resource + " in monitoring.tf");
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.equals("}")) {
        break;
      }
      Matcher m = ATTRIBUTE.matcher(line);
      if (m.matches()) {
        attributes.put(m.group(1), m.group(2).replaceAll("^\"(.*)\"$", "$1"));
      }
    }
    return new Definition(resource, attributes);
  }

  /** A number, or {@code var.<name>} by its default in variables.tf. */
  private static String resolve(String value, Path infrastructure) {
    if (!value.startsWith("var.")) {
      return value;
    }
    String name = value.substring("var.".length());
    List<String> lines = lines(infrastructure.resolve("variables.tf"));
    int start = lines.indexOf("variable \"" + name + "\" {");
    for (String line : lines.subList(start + 1, lines.size())) {
      Matcher m = ATTRIBUTE.matcher(line);
      if (m.matches() && m.group(1).equals("default")) {
        return m.group(2);
      }
      if (line.equals("}")) {
        break;
      }
    }
    throw new IllegalStateException("no default for " + value + " in variables.tf");
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
