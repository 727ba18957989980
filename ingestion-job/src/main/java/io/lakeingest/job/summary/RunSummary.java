package io.lakeingest.job.summary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.lakeingest.job.lake.DeltaActivity;
import io.lakeingest.job.warehouse.PublishResult;
import java.util.List;

/**
 * The result of one run: what an orchestrator or a test reads instead of scraping logs
 * ({@code --summary-json}).
 */
public record RunSummary(
    String runId,
    String environment,
    String input,
    String lake,
    String startedAt,
    long durationMs,
    List<DatasetSummary> datasets,
    List<FileOutcome> files,
    List<PublishResult> published,
    DeltaActivity.Counts delta) {

  public RunSummary {
    datasets = List.copyOf(datasets);
    files = List.copyOf(files);
    published = published == null ? List.of() : List.copyOf(published);
    delta = delta == null ? new DeltaActivity.Counts(0, 0) : delta;
  }

  public RunSummary(String runId, String environment, String input, String lake,
      String startedAt, long durationMs, List<DatasetSummary> datasets, List<FileOutcome> files) {
    this(runId, environment, input, lake, startedAt, durationMs, datasets, files, List.of(), null);
  }

  public RunSummary withPublished(List<PublishResult> results) {
    return new RunSummary(runId, environment, input, lake, startedAt, durationMs, datasets, files,
        results, delta);
  }

  /** With the Delta commits and table-version reads the run made ({@link DeltaActivity}). */
  public RunSummary withDelta(DeltaActivity.Counts counts) {
    return new RunSummary(runId, environment, input, lake, startedAt, durationMs, datasets, files,
        published, counts);
  }

  public String toJson() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void writeJson(Path target) {
    try {
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      Files.writeString(target, toJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write summary to " + target, e);
    }
  }

  public static RunSummary fromJson(String json) {
    try {
      return new ObjectMapper().readValue(json, RunSummary.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
