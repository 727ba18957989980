package io.lakeingest.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.lakeingest.trigger.routing.ObjectRef;
import io.lakeingest.trigger.routing.S3Notifications;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point for S3 notifications batched through SQS: a burst of uploads becomes one
 * invocation and one cluster. A message that is not an S3 notification is reported as a
 * batch item failure (and reaches the dead-letter queue after its retries); a failed launch
 * throws, so the whole batch is retried.
 */
public final class SqsEventHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final Logger LOG = LoggerFactory.getLogger(SqsEventHandler.class);

  private final Trigger trigger;

  public SqsEventHandler() {
    this(Trigger.fromEnvironment(System.getenv()));
  }

  public SqsEventHandler(Trigger trigger) {
    this.trigger = trigger;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<ObjectRef> objects = new ArrayList<>();
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      try {
        objects.addAll(S3Notifications.fromJson(message.getBody()));
      } catch (IllegalArgumentException e) {
        LOG.error("Message {} is not an S3 notification: {}", message.getMessageId(), e.getMessage());
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    trigger.handle(objects, context.getAwsRequestId());
    return new SQSBatchResponse(failures);
  }
}
