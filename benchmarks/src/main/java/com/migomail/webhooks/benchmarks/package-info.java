/**
 * Benchmarks of Migomail Webhooks, each measured against a baseline in the same run: JMH benchmarks of
 * signing, verification and the event codec, and plain-Java harnesses of delivery throughput, latency
 * and memory. Not a library: nothing here is API. Run from {@code benchmarks/target/benchmarks.jar} as
 * {@code BENCHMARKS.md} at the repository root describes.
 */
package com.migomail.webhooks.benchmarks;
