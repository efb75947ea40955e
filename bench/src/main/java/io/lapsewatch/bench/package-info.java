/** Benchmarks: JMH micro-benchmarks and the end-to-end benchmark command. */
package io.lapsewatch.bench;
