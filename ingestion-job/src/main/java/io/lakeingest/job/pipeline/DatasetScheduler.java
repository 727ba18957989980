package io.lakeingest.job.pipeline;

import io.lakeingest.job.config.DatasetSpec;
import io.lakeingest.job.config.EnrichSpec;
import io.lakeingest.job.config.JobConfig;
import io.lakeingest.job.lake.DeltaTables;
import io.lakeingest.job.source.InputFile;
import io.lakeingest.job.source.LandingZone;
import io.lakeingest.job.spark.SparkSessions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests the run's datasets side by side, up to {@code parallel_datasets} at once, each
 * starting once the lookups it is enriched from are in silver. Datasets write their own
 * tables, and much of a dataset's time is driver-side Delta log work or a one-task read of
 * a CSV file, which leaves cores idle when datasets go one after the other.
 *
 * <p>Each dataset gets its own SparkSession over the shared SparkContext, because commit
 * metadata and idempotency keys are session settings. After a failure no further dataset
 * starts; the ones running finish (every commit is idempotent) and the first failure is
 * rethrown, so the run records nothing in the ledger and a re-run repeats only work.
 */
final class DatasetScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetScheduler.class);

  private final SparkSession spark;
  private final JobConfig config;
  private final LandingZone landing;

  DatasetScheduler(SparkSession spark, JobConfig config, LandingZone landing) {
    this.spark = spark;
    this.config = config;
    this.landing = landing;
  }

  /** The results in the registry's dependency order, whatever order they finished in. */
  List<DatasetIngest.Result> run(Map<DatasetSpec, List<InputFile>> byDataset) {
    List<DatasetSpec> ordered = config.registry().inDependencyOrder(byDataset.keySet());
    int parallelism = Math.min(config.environment().parallelDatasets(), Math.max(1, ordered.size()));
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, task -> {
      Thread thread = new Thread(task, "ingest-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    AtomicReference<DatasetSpec> failed = new AtomicReference<>();
    Map<DatasetSpec, CompletableFuture<DatasetIngest.Result>> futures = new LinkedHashMap<>();
    try {
      // Lookups before the datasets enriched from them, as in inDependencyOrder, and in each
      // group the largest input first, so the longest dataset is not the one left running alone.
      List<DatasetSpec> startOrder = new ArrayList<>(ordered);
      startOrder.sort(Comparator.comparing((DatasetSpec s) -> !s.enrich().isEmpty())
          .thenComparingLong(s -> -bytes(byDataset.get(s))));
      for (DatasetSpec spec : startOrder) {
        CompletableFuture<?>[] lookups = spec.enrich().stream()
            .map(EnrichSpec::dataset)
            .map(name -> config.registry().dataset(name).orElseThrow())
            .filter(futures::containsKey)
            .map(futures::get)
            .toArray(CompletableFuture[]::new);
        futures.put(spec, CompletableFuture.allOf(lookups).thenApplyAsync(ignored -> {
          if (failed.get() != null) {
            throw new IllegalStateException("not started: dataset '" + failed.get().name()
                + "' failed first");
          }
          try {
            return ingest(spec, byDataset.get(spec));
          } catch (RuntimeException | Error e) {
            failed.compareAndSet(null, spec);
            throw e;
          }
        }, pool));
      }
      List<DatasetIngest.Result> results = new ArrayList<>();
      Map<DatasetSpec, RuntimeException> errors = new LinkedHashMap<>();
      for (DatasetSpec spec : ordered) {
        try {
          results.add(futures.get(spec).join());
        } catch (CompletionException e) {
          errors.put(spec, unwrap(e));
        }
      }
      if (!errors.isEmpty()) {
        throw errors.getOrDefault(failed.get(), errors.values().iterator().next());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private DatasetIngest.Result ingest(DatasetSpec spec, List<InputFile> files) {
    SparkSession session = SparkSessions.fork(spark);
    LOG.info("Ingesting {} ({} file(s)) on {}", spec.name(), files.size(),
        Thread.currentThread().getName());
    return new DatasetIngest(session, config, new DeltaTables(session, config.runId()), landing)
        .run(spec, files);
  }

  private static long bytes(List<InputFile> files) {
    return files.stream().mapToLong(InputFile::size).sum();
  }

  private static RuntimeException unwrap(CompletionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return e;
  }
}
