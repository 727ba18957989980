package io.lakeingest.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.lakeingest.trigger.routing.S3Notifications;

/** Entry point for S3 event notifications delivered straight to the function. */
public final class S3EventHandler implements RequestHandler<S3Event, Trigger.Result> {
  private final Trigger trigger;

  /** Used by the Lambda runtime: configuration and clients are built once, at cold start. */
  public S3EventHandler() {
    this(Trigger.fromEnvironment(System.getenv()));
  }

  public S3EventHandler(Trigger trigger) {
    this.trigger = trigger;
  }

  @Override
  public Trigger.Result handleRequest(S3Event event, Context context) {
    return trigger.handle(S3Notifications.from(event), context.getAwsRequestId());
  }
}
