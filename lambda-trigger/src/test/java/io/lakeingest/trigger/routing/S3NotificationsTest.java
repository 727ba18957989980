package io.lakeingest.trigger.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3NotificationsTest {
  @Test
  void readsTypedS3Events() {
    S3Event event = EventLoader.loadS3Event("events/s3-put.json");

    List<ObjectRef> refs = S3Notifications.from(event);

    assertThat(refs).hasSize(3);
    assertThat(refs.get(0).bucket()).isEqualTo("olist-data");
    assertThat(refs.get(0).rawKey()).isEqualTo("incoming/olist_orders_dataset+2018-09%C3%A9.csv");
    assertThat(refs.get(0).size()).isEqualTo(17410);
    assertThat(refs.get(0).version()).isEqualTo("etag-0123456789abcdef0123456789abcdef");
    assertThat(refs.get(1).eventName()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
  }

  @Test
  void readsNotificationsCarriedBySqsAndSkipsTestEvents() {
    SQSEvent event = EventLoader.loadSQSEvent("events/sqs-s3.json");

    List<ObjectRef> first = S3Notifications.fromJson(event.getRecords().get(0).getBody());
    List<ObjectRef> testEvent = S3Notifications.fromJson(event.getRecords().get(1).getBody());

    assertThat(first).singleElement().satisfies(ref -> {
      assertThat(ref.rawKey()).isEqualTo("incoming/olist_sellers_dataset.csv");
      assertThat(ref.size()).isEqualTo(1800);
      assertThat(ref.eventName()).isEqualTo("ObjectCreated:Put");
    });
    assertThat(testEvent).isEmpty();
    assertThatThrownBy(() -> S3Notifications.fromJson(event.getRecords().get(2).getBody()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an S3 event notification");
  }
}
