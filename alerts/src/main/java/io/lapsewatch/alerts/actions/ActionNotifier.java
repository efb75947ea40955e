package io.lapsewatch.alerts.actions;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alerts.notify.DeliveryException;
import io.lapsewatch.alerts.notify.DeliveryReceipt;
import io.lapsewatch.alerts.notify.Notifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Writes each treated alert's action (renewal offer or callback task) to the {@code
 * retention-actions} topic and waits for the broker's acknowledgement. It is a target like any
 * channel, so the notification log keeps it to one record per alert. Agents work the cases on the
 * retention desk, which opens its own case per treated alert from the alerts topic.
 */
public final class ActionNotifier implements Notifier {
  /** The channel name in metrics and dead letters. */
  public static final String CHANNEL = "actions";

  /** The target name in the notification log. */
  public static final String TARGET = "retention-actions";

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final Clock clock;

  public ActionNotifier(Producer<byte[], byte[]> producer, String topic, Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.clock = clock;
  }

  @Override
  public String channel() {
    return CHANNEL;
  }

  @Override
  public DeliveryReceipt deliver(Alert alert) throws DeliveryException, InterruptedException {
    var now = clock.instant();
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            topic,
            alert.alertId.getBytes(StandardCharsets.UTF_8),
            ActionRecords.toJson(alert, now).getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(record).get();
    } catch (ExecutionException e) {
      throw new DeliveryException(
          CHANNEL,
          "could not write the action to topic '" + topic + "': " + e.getCause(),
          1,
          false,
          e.getCause());
    } catch (InterruptException e) {
      throw new InterruptedException("interrupted writing an action");
    }
    return DeliveryReceipt.firstTry();
  }
}
