package io.lapsewatch.cli;

import java.nio.file.Path;

/**
 * What {@code demo} was asked to do: the book to simulate, external Kafka and Redis if any (null:
 * start local ones), the output folder, and whether to keep serving metrics afterwards.
 */
record DemoOptions(
    int holders,
    int days,
    long seed,
    String redisUrl,
    String redisPassword,
    String bootstrapServers,
    Path workDir,
    boolean keepRunning) {}
