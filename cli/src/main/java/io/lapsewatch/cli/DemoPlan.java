package io.lapsewatch.cli;

import java.nio.file.Path;

/**
 * What {@code demo} will do, options and environment resolved: the book to simulate, external Kafka
 * and Redis if any (null: start local ones), the output folder, whether to keep serving metrics
 * afterwards, and the journey plans file to run (null: the shipped one).
 */
record DemoPlan(
    int holders,
    int days,
    long seed,
    String redisUrl,
    String redisPassword,
    String bootstrapServers,
    Path workDir,
    boolean keepRunning,
    Path journeys) {}
