package io.lakeingest.trigger.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakeingest.trigger.config.TriggerConfig;
import io.lakeingest.trigger.testing.TriggerEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyRouterTest {
  private final KeyRouter router = new KeyRouter(TriggerConfig.fromEnv(TriggerEnv.valid()));

  private KeyRouter.Decision decide(String rawKey, long size) {
    return router.decide(new ObjectRef("olist-data", rawKey, size, "e", "s", "ObjectCreated:Put"));
  }

  @Test
  void decodesKeysAsS3SendsThem() {
    KeyRouter.Decision decision = decide("incoming/olist+orders%2B%C3%A9.csv", 10);

    assertThat(decision.accepted()).isTrue();
    assertThat(decision.key()).isEqualTo("incoming/olist orders+é.csv");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "incoming/                       | 0  | folder marker",
      "incoming/empty.csv              | 0  | empty object",
      "other/orders.csv                | 10 | not under incoming/",
      "incoming/notes.txt              | 10 | suffix not in [.csv, .xlsx]",
      "incoming/2024/orders.csv        | 10 | in a sub-folder of incoming/",
      "incoming/../archive/orders.csv  | 10 | path escape",
      "incoming/%2E%2E/secrets.csv     | 10 | path escape",
      "incoming//orders.csv            | 10 | path escape",
      "incoming/a%5Cb.csv              | 10 | backslash",
      "incoming/bad%zz.csv             | 10 | not valid URL encoding",
  })
  void ignoresWhatIsNotAFileForTheJob(String key, long size, String reason) {
    KeyRouter.Decision decision = decide(key, size);

    assertThat(decision.accepted()).isFalse();
    assertThat(decision.reason()).contains(reason);
    io.lakeingest.trigger.testing.ReliabilityLog.record("bad-keys", key,
        size + " bytes", "ignored, nothing launched: " + decision.reason());
  }

  @Test
  void acceptsExcelWorkbooksAndUpperCaseSuffixes() {
    assertThat(decide("incoming/olist_order_reviews_dataset.XLSX", 10).accepted()).isTrue();
  }

  @Test
  void ignoresEventsOtherThanCreation() {
    KeyRouter.Decision decision = router.decide(
        new ObjectRef("b", "incoming/a.csv", 10, "e", "s", "ObjectRemoved:Delete"));

    assertThat(decision.accepted()).isFalse();
    assertThat(decision.reason()).contains("not an object creation");
  }
}
