package io.lapsewatch.flinkjobs;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.featurestore.events.DeadLetterFit;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.flinkjobs.contact.ConsentChange;
import io.lapsewatch.flinkjobs.contact.ContactRules;
import io.lapsewatch.flinkjobs.functions.ApplyCapacity;
import io.lapsewatch.flinkjobs.functions.ScoreAndDecide;
import io.lapsewatch.flinkjobs.functions.TermEvent;
import io.lapsewatch.flinkjobs.functions.TrackOutcomes;
import io.lapsewatch.flinkjobs.functions.UpdateFeatures;
import io.lapsewatch.flinkjobs.functions.ValidateEvents;
import io.lapsewatch.flinkjobs.journey.JourneySignals;
import io.lapsewatch.flinkjobs.kafka.AlertSerializer;
import io.lapsewatch.flinkjobs.kafka.DeadLetter;
import io.lapsewatch.flinkjobs.kafka.DeadLetterSerializer;
import io.lapsewatch.flinkjobs.kafka.EventDeserializer;
import io.lapsewatch.flinkjobs.kafka.EventTimeWatermarks;
import io.lapsewatch.flinkjobs.kafka.OutcomeSerializer;
import io.lapsewatch.flinkjobs.kafka.ParsedRecord;
import io.lapsewatch.flinkjobs.kafka.ShadowScoreSerializer;
import io.lapsewatch.flinkjobs.sinks.FeatureStoreSink;
import io.lapsewatch.flinkjobs.types.JobTypes;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The LapseWatch scoring job: policyholder events from Kafka are validated (bad ones to the
 * dead-letter topic), keyed by policyholder, folded into rolling features (written to Redis),
 * scored by the published churn model and turned into retention alerts on Kafka.
 *
 * <p>Sources and sinks are constructor arguments so tests can plug in their own; {@link #main}
 * wires the production Kafka and Redis ones.
 */
public final class ScoringJob {
  private final Source<ParsedRecord, ?, ?> events;
  private final Sink<FeatureVector> features;
  private final Sink<Alert> alerts;
  private final Sink<DeadLetter> deadLetters;
  private final Sink<Outcome> outcomes;
  private final JobSettings settings;

  /** Where monitored terms go; null = the Kafka topic monitoring.topic. */
  private Sink<io.lapsewatch.modeltraining.monitoring.MonitoredTerm> monitoredTerms;

  public ScoringJob(
      Source<ParsedRecord, ?, ?> events,
      Sink<FeatureVector> features,
      Sink<Alert> alerts,
      Sink<DeadLetter> deadLetters,
      Sink<Outcome> outcomes,
      JobSettings settings) {
    this.events = events;
    this.features = features;
    this.alerts = alerts;
    this.deadLetters = deadLetters;
    this.outcomes = outcomes;
    this.settings = settings;
  }

  /** Builds the pipeline with the production Kafka source and sinks and the Redis store. */
  public static ScoringJob fromSettings(JobSettings s) {
    return new ScoringJob(
        eventsSource(s),
        new FeatureStoreSink(s.redis(), s.featureBatchSize(), s.featureMaxDelayMs()),
        kafkaSink(s, new AlertSerializer(s.alertsTopic())),
        kafkaSink(
            s,
            new DeadLetterSerializer(
                s.deadLetterTopic(), DeadLetterFit.limitFor(s.kafkaProperties()))),
        kafkaSink(s, new OutcomeSerializer(s.outcomesTopic())),
        s);
  }

  /** The same job with monitored terms going to {@code sink} instead of monitoring.topic. */
  public ScoringJob withMonitoredTermsSink(
      Sink<io.lapsewatch.modeltraining.monitoring.MonitoredTerm> sink) {
    monitoredTerms = sink;
    return this;
  }

  /**
   * The events consumer's properties: {@code kafka.properties.*} over the job's fetch defaults.
   * Under a steady stream Kafka's own defaults (fetch.min.bytes 1) turn nearly every arrival into
   * its own fetch request; waiting up to 25 ms for 64 KB cut the broker's work by ~45% on the
   * latency benchmark. Only committed records are read: the retention desk writes agents' results
   * to the events topic in transactions, and an aborted one must not reach the features.
   */
  static java.util.Properties eventsConsumerProperties(JobSettings s) {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("fetch.min.bytes", "65536");
    p.setProperty("fetch.max.wait.ms", "25");
    p.setProperty("isolation.level", "read_committed");
    p.putAll(s.kafkaProperties());
    return p;
  }

  /** The policy-events topic as a Kafka source. */
  static KafkaSource<ParsedRecord> eventsSource(JobSettings s) {
    org.apache.flink.connector.kafka.source.KafkaSourceBuilder<ParsedRecord> builder =
        KafkaSource.<ParsedRecord>builder()
            .setBootstrapServers(s.bootstrapServers())
            .setTopics(s.eventsTopic())
            .setGroupId(s.groupId())
            .setProperties(eventsConsumerProperties(s))
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setDeserializer(new EventDeserializer());
    if (s.bounded()) {
      // Replays (demo, tests, benchmarks) stop at the offsets current when the job starts.
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /** The same job with feature vectors going to {@code sink} instead (parity checks, tests). */
  public ScoringJob withFeatureSink(Sink<FeatureVector> sink) {
    return new ScoringJob(events, sink, alerts, deadLetters, outcomes, settings)
        .withMonitoredTermsSink(monitoredTerms);
  }

  private static <T> KafkaSink<T> kafkaSink(
      JobSettings s,
      org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema<T> schema) {
    return KafkaSink.<T>builder()
        .setBootstrapServers(s.bootstrapServers())
        .setKafkaProducerConfig(s.kafkaProperties())
        .setRecordSerializer(schema)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }

  /** Adds the pipeline to {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    // Chained operators get the record itself instead of a serializer copy (two FeatureVector
    // copies per vector, one ParsedRecord copy per event). Safe because no function here mutates
    // or reuses a record after emitting it, and network inputs always deserialize fresh objects,
    // so the events and alerts kept in keyed state are never overwritten.
    env.getConfig().enableObjectReuse();
    // Watermarks at the source, per Kafka partition: a reader holding several partitions would
    // otherwise let the fastest one make the others' events "too late".
    DataStream<ParsedRecord> parsed =
        env.fromSource(
                events,
                EventTimeWatermarks.strategy(settings.maxOutOfOrderness(), settings.idleTimeout()),
                "policy-events")
            .uid("policy-events-source");

    SingleOutputStreamOperator<PolicyEvent> valid =
        parsed
            .process(new ValidateEvents(settings.allowedLatenessMs()))
            .returns(JobTypes.POLICY_EVENT)
            .name("validate")
            .uid("validate");
    SingleOutputStreamOperator<FeatureVector> vectors =
        valid
            .keyBy(e -> e.policyholderId)
            .process(new UpdateFeatures(settings.milestoneDays(), settings.allowedLatenessMs()))
            .returns(JobTypes.FEATURE_VECTOR)
            .name("features")
            .uid("features");
    vectors.sinkTo(features).name("feature-store").uid("feature-store-sink");
    valid
        .getSideOutput(ValidateEvents.DEAD_LETTERS)
        .sinkTo(deadLetters)
        .name("dead-letters")
        .uid("dead-letters-sink");

    // Same key, same partitioning: reinterpret instead of shuffling a second time.
    KeyedStream<FeatureVector, String> byHolder =
        DataStreamUtils.reinterpretAsKeyedStream(vectors, v -> v.policyholderId);
    boolean journeys = !settings.journeys().isEmpty();
    ScoreAndDecide decide =
        new ScoreAndDecide(
            settings.modelSource(),
            settings.challengerVersion(),
            settings.modelCheckIntervalMs(),
            settings.decision());
    if (settings.monitoring().enabled()) {
      decide.withMonitoring(settings.monitoring().leadDays());
    }
    decide.withFreshness(settings.freshness());
    if (settings.upliftModelsPresent()) {
      decide.withUplift(
          settings.upliftDecision(),
          io.lapsewatch.flinkjobs.decision.UpliftModelSource.folder(settings.modelRegistry()));
    }
    SingleOutputStreamOperator<Alert> scored =
        byHolder
            .process(journeys ? decide.withJourneySignals() : decide)
            .name("score-and-decide")
            .uid("score-and-decide");
    DataStream<ConsentChange> consent = vectors.getSideOutput(UpdateFeatures.CONSENT_CHANGES);
    DataStream<TermEvent> termEvents = vectors.getSideOutput(UpdateFeatures.TERM_EVENTS);
    DataStream<Alert> decided = scored;
    if (journeys) {
      decided =
          JourneySignals.runJourneys(settings.journeys(), scored, vectors, termEvents, consent);
    }
    if (!settings.dailyCapacity().isEmpty() || settings.upliftModelsPresent()) {
      decided =
          decided
              .keyBy(a -> a.action.name())
              .process(new ApplyCapacity(settings.dailyCapacity()))
              .name("daily-capacity")
              .uid("daily-capacity");
    }
    // The last gate: consent, the contact cap and quiet hours, at the moment an alert would go
    // out, so an opt-out also cancels what capacity or quiet hours are still holding.
    DataStream<Alert> contacts =
        decided
            .keyBy(a -> a.policyholderId)
            .connect(consent.keyBy(c -> c.policyholderId))
            .process(new ContactRules(settings.contactRules()))
            .returns(Alert.class)
            .name("contact-rules")
            .uid("contact-rules");
    contacts.sinkTo(alerts).name("retention-alerts").uid("retention-alerts-sink");
    if (settings.challengerVersion() != null) {
      scored
          .getSideOutput(ScoreAndDecide.SHADOW)
          .sinkTo(kafkaSink(settings, new ShadowScoreSerializer(settings.shadowTopic())))
          .name("shadow-scores")
          .uid("shadow-scores-sink");
    }

    if (settings.monitoring().enabled()) {
      io.lapsewatch.flinkjobs.monitoring.ModelMonitoring.build(
          scored.getSideOutput(ScoreAndDecide.MONITORED),
          termEvents,
          vectors.getSideOutput(UpdateFeatures.CASE_RESULTS),
          vectors,
          settings,
          monitoredTerms != null
              ? monitoredTerms
              : kafkaSink(
                  settings,
                  new io.lapsewatch.flinkjobs.monitoring.MonitoredTermSerializer(
                      settings.monitoring().topic())));
    }

    contacts
        .connect(termEvents)
        .keyBy(a -> a.policyholderId, t -> t.policyholderId)
        .process(new TrackOutcomes(settings.allowedLatenessMs()))
        .name("track-outcomes")
        .uid("track-outcomes")
        .sinkTo(outcomes)
        .name("retention-outcomes")
        .uid("retention-outcomes-sink");
  }

  /**
   * Configuration every LapseWatch environment should use: no silent Kryo fallback, and object
   * reuse (see {@link #build}).
   */
  public static Configuration baseConfiguration() {
    Configuration c = new Configuration();
    c.set(PipelineOptions.GENERIC_TYPES, false);
    c.set(PipelineOptions.OBJECT_REUSE, true);
    return c;
  }

  public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
    prepare(env);
    return env.execute("lapsewatch-scoring");
  }

  /**
   * Submits the job without waiting for it: the caller can watch, cancel or restore it (the fault
   * suite cancels one mid-stream and resumes it from a retained checkpoint).
   */
  public org.apache.flink.core.execution.JobClient executeAsync(StreamExecutionEnvironment env)
      throws Exception {
    prepare(env);
    return env.executeAsync("lapsewatch-scoring");
  }

  /** Parallelism, checkpointing and the pipeline, as {@link #execute} runs them. */
  private void prepare(StreamExecutionEnvironment env) {
    env.setParallelism(settings.parallelism());
    // Bounded runs checkpoint too: a replay after a failure then resumes, not restarts.
    env.enableCheckpointing(settings.checkpointIntervalMs());
    Configuration checkpoints = new Configuration();
    if (settings.checkpointDir() != null) {
      checkpoints.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      checkpoints.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, settings.checkpointDir());
    }
    // A checkpoint that fails (a slow disk, a busy machine) should not fail the job.
    checkpoints.set(
        org.apache.flink.configuration.CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 3);
    env.configure(checkpoints);
    build(env);
  }

  /**
   * Checks the settings and the infrastructure they name, then runs the job. A problem found before
   * the start is one line on {@code err} and exit code 2, not a job that restarts forever.
   *
   * <p>{@code --help} prints every setting with its default instead.
   *
   * @return the exit code: 0 once the job has finished (or after {@code --help}), 2 when it could
   *     not start
   */
  public static int run(String[] args, java.io.PrintStream err) throws Exception {
    if (java.util.Arrays.asList(args).contains("--help")) {
      err.print(io.lapsewatch.flinkjobs.settings.SettingsReference.usage());
      return 0;
    }
    JobSettings settings;
    try {
      settings = JobSettings.fromArgs(args, System.getenv());
      StartupChecks.run(settings);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(baseConfiguration());
    fromSettings(settings).execute(env);
    return 0;
  }

  public static void main(String[] args) throws Exception {
    int code = run(args, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }
}
