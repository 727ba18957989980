package io.lakeingest.trigger.routing;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns S3 notifications, typed or as the JSON text SQS carries, into {@link ObjectRef}s. */
public final class S3Notifications {
  private S3Notifications() {}

  public static List<ObjectRef> from(S3Event event) {
    List<ObjectRef> refs = new ArrayList<>();
    if (event == null || event.getRecords() == null) {
      return refs;
    }
    for (S3EventNotification.S3EventNotificationRecord record : event.getRecords()) {
      S3EventNotification.S3ObjectEntity object = record.getS3().getObject();
      refs.add(new ObjectRef(record.getS3().getBucket().getName(), object.getKey(),
          object.getSizeAsLong() == null ? 0 : object.getSizeAsLong(), object.geteTag(),
          object.getSequencer(), record.getEventName()));
    }
    return refs;
  }

  /**
   * Parses an S3 notification delivered as text (an SQS message body). S3's one-off
   * {@code s3:TestEvent} has no records and yields none.
   */
  @SuppressWarnings("unchecked")
  public static List<ObjectRef> fromJson(String body) {
    Map<String, Object> root;
    try {
      root = JSON.std.mapFrom(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("Message body is not an S3 event notification: "
          + e.getMessage(), e);
    }
    List<ObjectRef> refs = new ArrayList<>();
    Object records = root.get("Records");
    if (!(records instanceof List<?> list)) {
      return refs;
    }
    for (Object item : list) {
      Map<String, Object> record = (Map<String, Object>) item;
      Map<String, Object> s3 = (Map<String, Object>) record.get("s3");
      Map<String, Object> bucket = (Map<String, Object>) s3.get("bucket");
      Map<String, Object> object = (Map<String, Object>) s3.get("object");
      Object size = object.get("size");
      refs.add(new ObjectRef((String) bucket.get("name"), (String) object.get("key"),
          size instanceof Number n ? n.longValue() : 0L, (String) object.get("eTag"),
          (String) object.get("sequencer"), (String) record.get("eventName")));
    }
    return refs;
  }
}
