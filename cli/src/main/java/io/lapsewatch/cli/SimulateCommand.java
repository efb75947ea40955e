package io.lapsewatch.cli;

import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.simulator.NdjsonEvents;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.featurestore.simulator.TreatmentEffects;
import io.lapsewatch.featurestore.simulator.TreatmentTruth;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code simulate --policyholders N --days D --seed S [--effects homogeneous|heterogeneous]
 * [--truth-file FILE.csv] [--drift app-outage@DAY | price-rise@DAY[:PERCENT]]... (--out FILE.ndjson
 * | --topic T [--bootstrap-servers HOST:PORT])}.
 */
final class SimulateCommand {
  private SimulateCommand() {}

  static long run(SimulateOptions a, PrintStream log) throws Exception {
    SimulationConfig config = SimulationConfig.of(a.holders, a.days, a.seed);
    Path out = a.file;
    String topic = a.topic;
    String bootstrap = a.bootstrap();
    if ((out == null) == (topic == null)) {
      throw new IllegalArgumentException("give exactly one of --out FILE or --topic TOPIC");
    }
    if (out == null && bootstrap == null) {
      throw new IllegalArgumentException(
          "--topic needs --bootstrap-servers (or LAPSEWATCH_KAFKA_BOOTSTRAP_SERVERS)");
    }
    if (a.truthFile != null
        && out != null
        && a.truthFile.toAbsolutePath().equals(out.toAbsolutePath())) {
      throw new IllegalArgumentException(
          "--truth-file must not be the --out file, was " + a.truthFile);
    }
    TreatmentEffects effects = a.effects == null ? TreatmentEffects.HOMOGENEOUS : a.effects;
    Simulator simulator = new Simulator(config).withTreatmentEffects(effects);
    for (io.lapsewatch.featurestore.simulator.BehaviourDrift d : a.drifts) {
      simulator = simulator.withDrift(d);
      log.printf("drift: %s%n", d);
    }
    // The truth is kept in memory only when asked for: it costs an entry per term.
    TreatmentTruth truth = a.truthFile == null ? null : new TreatmentTruth();
    if (truth != null) {
      simulator = simulator.withGroundTruth(truth);
    }
    long n =
        out != null
            ? toFile(simulator, config, out, log)
            : toTopic(simulator, config, bootstrap, topic, null, log);
    if (truth != null) {
      truth.writeCsv(a.truthFile);
      log.printf(
          "wrote the ground truth of %,d terms (%s world; evaluation only) -> %s%n",
          truth.size(), effects.name().toLowerCase(java.util.Locale.ROOT), a.truthFile);
    }
    return n;
  }

  static long toFile(SimulationConfig config, Path out, PrintStream log) throws Exception {
    return toFile(new Simulator(config), config, out, log);
  }

  /** Writes the events of {@code simulator} (built on {@code config}) to {@code out}. */
  static long toFile(Simulator simulator, SimulationConfig config, Path out, PrintStream log)
      throws Exception {
    long t0 = System.nanoTime();
    long n;
    try (NdjsonEvents.Writer w = new NdjsonEvents.Writer(out)) {
      n = simulator.run(w, day -> progress(log, config, day));
    }
    log.printf(
        "simulated %,d events for %,d policyholders over %d days -> %s (%.1f s)%n",
        n, config.policyholders(), config.days(), out, (System.nanoTime() - t0) / 1e9);
    return n;
  }

  static long toTopic(SimulationConfig config, String bootstrap, String topic, PrintStream log) {
    return toTopic(config, bootstrap, topic, null, log);
  }

  /** Publishes a simulation whose policyholders react to {@code programme} (null: none). */
  static long toTopic(
      SimulationConfig config,
      String bootstrap,
      String topic,
      io.lapsewatch.featurestore.simulator.RetentionProgramme programme,
      PrintStream log) {
    return toTopic(config, 0, bootstrap, topic, programme, log);
  }

  /**
   * As above, with policyholders opting out of contact at {@code optOutsPerYear} ({@link
   * Simulator#withOptOuts}).
   */
  static long toTopic(
      SimulationConfig config,
      double optOutsPerYear,
      String bootstrap,
      String topic,
      io.lapsewatch.featurestore.simulator.RetentionProgramme programme,
      PrintStream log) {
    return toTopic(
        new Simulator(config).withOptOuts(optOutsPerYear),
        config,
        bootstrap,
        topic,
        programme,
        log);
  }

  /** Publishes the events of {@code simulator} (built on {@code config}) to {@code topic}. */
  static long toTopic(
      Simulator simulator,
      SimulationConfig config,
      String bootstrap,
      String topic,
      io.lapsewatch.featurestore.simulator.RetentionProgramme programme,
      PrintStream log) {
    long t0 = System.nanoTime();
    long n;
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
      n =
          simulator.run(
              e ->
                  producer.send(
                      new ProducerRecord<>(
                          topic,
                          e.policyholderId.getBytes(StandardCharsets.UTF_8),
                          EventCodec.toBytes(e))),
              day -> progress(log, config, day),
              programme);
      producer.flush();
    }
    log.printf(
        "published %,d events for %,d policyholders over %d days to %s (%.1f s)%n",
        n, config.policyholders(), config.days(), topic, (System.nanoTime() - t0) / 1e9);
    return n;
  }

  static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(p);
  }

  private static void progress(PrintStream log, SimulationConfig config, int day) {
    if (day % 30 == 0 || day == config.days()) {
      log.printf("  simulated day %d of %d%n", day, config.days());
    }
  }
}
