package io.lakeingest.job.aws;

import io.lakeingest.trigger.AwsClients;
import io.lakeingest.trigger.testing.MotoServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** SDK clients of the services the tests use, pointed at one running emulator. */
final class Emulator {
  private final MotoServer moto;
  private final S3Client s3;
  private final EmrClient emr;
  private final SqsClient sqs;
  private final GlueClient glue;

  Emulator(MotoServer moto) {
    this.moto = moto;
    this.s3 = AwsClients.s3().endpointOverride(moto.endpoint()).forcePathStyle(true)
        .region(MotoServer.REGION).credentialsProvider(moto.credentials()).build();
    this.emr = AwsClients.emr().endpointOverride(moto.endpoint()).region(MotoServer.REGION)
        .credentialsProvider(moto.credentials()).build();
    this.sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(MotoServer.REGION)
        .credentialsProvider(moto.credentials()).build();
    this.glue = GlueClient.builder().endpointOverride(moto.endpoint()).region(MotoServer.REGION)
        .credentialsProvider(moto.credentials()).build();
  }

  GlueClient glue() {
    return glue;
  }

  S3Client s3() {
    return s3;
  }

  EmrClient emr() {
    return emr;
  }

  SqsClient sqs() {
    return sqs;
  }

  /**
   * Receives messages until {@code objects} object-created records have arrived (S3's
   * s3:TestEvent comes along and is returned too), or fails after 30 s.
   */
  List<Message> receiveNotifications(String queueUrl, int objects) {
    List<Message> messages = new ArrayList<>();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (records(messages) < objects) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Expected " + objects + " S3 notification records in " + queueUrl
            + ", got " + messages.stream().map(Message::body).toList() + "\nmoto log:\n" + moto.log());
      }
      messages.addAll(sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
          .waitTimeSeconds(1)).messages());
    }
    return messages;
  }

  private static long records(List<Message> messages) {
    return messages.stream().filter(m -> m.body().contains("\"ObjectCreated:")).count();
  }
}
