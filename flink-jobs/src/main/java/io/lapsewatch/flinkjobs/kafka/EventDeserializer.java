package io.lapsewatch.flinkjobs.kafka;

import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.InvalidEventException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses every Kafka record against event contract v1. Nothing is dropped: a record that breaks the
 * contract becomes a dead letter with its original bytes, the reason and its source position.
 */
public class EventDeserializer implements KafkaRecordDeserializationSchema<ParsedRecord> {
  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedRecord> out) {
    try {
      out.collect(ParsedRecord.valid(EventCodec.parse(record.value()), record));
    } catch (InvalidEventException e) {
      out.collect(
          ParsedRecord.invalid(ParsedRecord.deadLetter(record, e.reasonCode(), e.getMessage())));
    }
  }

  @Override
  public TypeInformation<ParsedRecord> getProducedType() {
    return TypeInformation.of(ParsedRecord.class);
  }
}
