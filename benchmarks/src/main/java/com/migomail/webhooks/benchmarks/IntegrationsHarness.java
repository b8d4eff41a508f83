package com.migomail.webhooks.benchmarks;

import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.micrometer.WebhookMetrics;
import com.migomail.webhooks.opentelemetry.OpenTelemetryTracing;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What the optional integrations cost on the delivery path (P2.4): the same number of events
 * delivered to a {@link LoopbackReceiver} by a plain sender (the baseline) and by senders with
 * {@link WebhookMetrics} (module {@code micrometer}), with {@link OpenTelemetryTracing} (module
 * {@code opentelemetry}) and with both, side by side in one process.
 *
 * <p>Every run has a fresh sender and a fresh store (a new H2 file, new PostgreSQL tables), so that no
 * variant inherits another's rows. The variants run in rounds, the order rotated from round to round
 * so that none always follows another; each round runs every variant at full speed (deliveries per
 * second from the first publish to the last receipt), then every variant paced at one rate (half the
 * first round's baseline rate, the same in every round) for publish-to-receipt latency without the
 * queueing of a saturated run. Each full-speed run also takes the process CPU time per delivery
 * (every thread of the process, from the first publish to the last receipt): what an integration adds
 * to it is its cost even where it does not lower the rate (on H2, the commits limit the rate). Each
 * variant's figures are given as a ratio to the baseline of the same round, so load from outside that
 * comes and goes between rounds cancels out as far as it can.
 *
 * <p><b>metrics</b>: {@code WebhookMetrics} on a {@link SimpleMeterRegistry}, its listener on the
 * sender and its backlog gauge bound, read every second by a scraping thread with a backlog interval
 * of one second (a store query per second: more often than the default 10 seconds).
 * <b>tracing</b>: {@code OpenTelemetryTracing.create(sdk)} on an OpenTelemetry SDK whose span
 * processor ({@code --span-processor batch}, the default, or {@code simple}) exports to an exporter
 * that only counts the spans: what is measured is the span creation, the {@code traceparent} header
 * and the trace context stored with each event, not an export over the network. Every event is
 * published inside one publishing span (made current on the publishing thread), so every event
 * stores its context and every attempt span carries a link. <b>both</b>: both. Each run checks
 * what it measured: the attempt timer's count, and the number of spans exported.
 *
 * <p>Options: {@code --events N} (per run, 1..100000, default 20000), {@code --store memory|h2|postgresql}
 * (default memory), {@code --rounds R} (default 3), {@code --variants base,metrics,tracing,both} (base
 * first; default all four), {@code --warmup W} (events per variant before the rounds, not reported,
 * default 5000), {@code --latency-seconds S} (length of each paced run, default 5; 0 skips them),
 * {@code --concurrency C} (default 16), {@code --publishers P} (default 2), {@code --span-processor
 * batch|simple}, {@code --timeout S} (per run, default 120). Bounded: every wait has a timeout.
 */
final class IntegrationsHarness {

    /** The option names {@link Settings#parse} accepts. */
    static final Set<String> OPTIONS = Set.of("events", "store", "rounds", "variants", "warmup", "latency-seconds",
            "concurrency", "publishers", "span-processor", "timeout");

    private static final TenantId TENANT = TenantId.of("benchmark");
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private final Settings settings;
    private final List<String> notes = new ArrayList<>();
    private LoopbackReceiver receiver;

    private IntegrationsHarness(Settings settings) {
        this.settings = settings;
    }

    /** Runs the harness; see the class comment for the options. */
    static void main(String[] args) throws Exception {
        Logging.quiet();
        new IntegrationsHarness(Settings.parse(args)).run();
    }

    /**
     * One run's figures and the process CPU time it took per delivery, from the first publish to the
     * last receipt (every thread: publishers, sender, receiver, the integrations' own, GC).
     */
    private record Measured(RunResult run, double cpuMicros) {}

    /** What is measured, and with which integrations. */
    enum Variant {
        BASE(false, false), METRICS(true, false), TRACING(false, true), BOTH(true, true);

        private final boolean metrics;
        private final boolean tracing;

        Variant(boolean metrics, boolean tracing) {
            this.metrics = metrics;
            this.tracing = tracing;
        }

        /** The name on the command line and in the tables. */
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Variant of(String label) {
            return Arrays.stream(values()).filter(variant -> variant.label().equals(label.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "--variants: base, metrics, tracing or both, not " + label));
        }
    }

    /**
     * The parsed options.
     *
     * @param events events per run
     * @param store {@code memory}, {@code h2} or {@code postgresql}
     * @param rounds rounds of every variant
     * @param variants the variants, the baseline first
     * @param warmup events per variant before the rounds
     * @param latencySeconds length of each paced run; 0 for none
     * @param concurrency attempts in flight
     * @param publishers publishing threads
     * @param batchSpans a {@code BatchSpanProcessor}, else a {@code SimpleSpanProcessor}
     * @param timeoutSeconds the longest wait for one run's receipts
     */
    record Settings(int events, String store, int rounds, List<Variant> variants, int warmup, int latencySeconds,
            int concurrency, int publishers, boolean batchSpans, int timeoutSeconds) {

        Settings {
            variants = List.copyOf(variants);
            if (events < 1 || events > 100_000) {
                throw new IllegalArgumentException("--events must be 1..100000: " + events);
            }
            if (!Set.of("memory", "h2", "postgresql").contains(store)) {
                throw new IllegalArgumentException("--store: memory, h2 or postgresql, not " + store);
            }
            if (rounds < 1 || warmup < 0 || latencySeconds < 0 || concurrency < 1 || publishers < 1
                    || timeoutSeconds < 1) {
                throw new IllegalArgumentException("--rounds, --concurrency, --publishers and --timeout must be"
                        + " positive, --warmup and --latency-seconds not negative");
            }
            if (variants.isEmpty() || variants.get(0) != Variant.BASE || Set.copyOf(variants).size() != variants.size()) {
                throw new IllegalArgumentException("--variants: base first, each once: " + variants);
            }
        }

        /**
         * Parses the command line.
         *
         * @throws IllegalArgumentException for an unknown option or a bad value
         */
        static Settings parse(String[] args) {
            Options options = Options.parse(args, OPTIONS);
            String processor = options.value("span-processor", "batch");
            if (!processor.equals("batch") && !processor.equals("simple")) {
                throw new IllegalArgumentException("--span-processor: batch or simple, not " + processor);
            }
            String store = options.value("store", "memory");
            return new Settings(options.intValue("events", 20_000), store.equals("postgres") ? "postgresql" : store,
                    options.intValue("rounds", 3),
                    Arrays.stream(options.value("variants", "base,metrics,tracing,both").split(","))
                            .map(Variant::of).toList(),
                    options.intValue("warmup", 5000), options.intValue("latency-seconds", 5),
                    options.intValue("concurrency", 16), options.intValue("publishers", 2),
                    processor.equals("batch"), options.intValue("timeout", 120));
        }
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "integrations harness: store %s, %d events per run, %d rounds, variants %s,"
                + " %s span processor, concurrency %d, %d publisher threads, warm-up %d, %d cores, max heap %d MB%n",
                settings.store(), settings.events(), settings.rounds(), settings.variants(),
                settings.batchSpans() ? "batch" : "simple", settings.concurrency(), settings.publishers(),
                settings.warmup(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try (Stores stores = Stores.open(settings.store());
                LoopbackReceiver started = LoopbackReceiver.start(settings.concurrency())) {
            receiver = started;
            System.out.println(RunResult.header() + "   CPU us");
            for (Variant variant : settings.variants()) {
                if (settings.warmup() > 0) {
                    run(stores, "warm-up " + variant.label(), variant, settings.warmup(), 0);
                }
            }
            List<Map<Variant, Measured>> full = new ArrayList<>();
            List<Map<Variant, Measured>> paced = new ArrayList<>();
            double rate = 0;
            for (int round = 0; round < settings.rounds(); round++) {
                List<Variant> order = rotated(settings.variants(), round);
                Map<Variant, Measured> fullRound = new EnumMap<>(Variant.class);
                for (Variant variant : order) {
                    fullRound.put(variant, run(stores, "r" + (round + 1) + " " + variant.label() + ": full speed",
                            variant, settings.events(), 0));
                }
                full.add(fullRound);
                if (settings.latencySeconds() == 0) {
                    continue;
                }
                if (round == 0) {
                    rate = fullRound.get(Variant.BASE).run().deliveriesPerSecond() / 2;
                }
                int count = (int) Math.max(1, Math.min(100_000, rate * settings.latencySeconds()));
                Map<Variant, Measured> pacedRound = new EnumMap<>(Variant.class);
                for (Variant variant : order) {
                    pacedRound.put(variant, run(stores, String.format(Locale.ROOT, "r%d %s: paced %.0f/s",
                            round + 1, variant.label(), rate), variant, count, rate));
                }
                paced.add(pacedRound);
            }
            report(stores.description(), full, paced, rate);
        }
    }

    /** The variants starting at {@code round} (mod their number), the baseline's place moving each round. */
    private static List<Variant> rotated(List<Variant> variants, int round) {
        List<Variant> order = new ArrayList<>(variants);
        java.util.Collections.rotate(order, -(round % variants.size()));
        return order;
    }

    /** One run on a fresh store and sender with the variant's integrations; printed as it ends. */
    private Measured run(Stores stores, String name, Variant variant, int count, double rate) throws Exception {
        WebhookStore store = stores.fresh();
        try (Integrations integrations = new Integrations(variant, settings.batchSpans())) {
            Measured result;
            WebhookSender.Builder builder = integrations.configure(WebhookSender.builder()
                    .store(store)
                    .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                    .maxConcurrency(settings.concurrency())
                    .maxConcurrencyPerEndpoint(settings.concurrency()));
            try (WebhookSender sender = builder.build()) {
                integrations.bind(sender);
                sender.registerEndpoint(TENANT, EndpointRegistration.of(receiver.uri().toString(), "*"));
                sender.start();
                result = deliver(name, sender, integrations.publishingContext(), count, rate);
            }
            String check = integrations.check(result.run().received());
            if (!check.isEmpty()) {
                notes.add(name + ": " + check);
                System.out.println("  " + check);
            }
            return result;
        } finally {
            stores.release(store);
        }
    }

    private Measured deliver(String name, WebhookSender sender, Context context, int count, double rate)
            throws Exception {
        List<WebhookEvent> batch = SampleEvents.fresh(count);
        ReceiptLog log = new ReceiptLog(batch.stream().map(WebhookEvent::id).toList());
        receiver.logTo(log);
        long cpuBefore = CPU.getProcessCpuTime();
        // Every variant makes a context current around publish (the root one without tracing), so the
        // publishing loops differ only in what the sender does with it.
        Publishing.run(count, settings.publishers(), rate, i -> {
            try (Scope scope = context.makeCurrent()) {
                log.published(i);
                sender.publish(TENANT, batch.get(i));
            }
        });
        boolean all = log.awaitAll(settings.timeoutSeconds());
        long cpuNanos = CPU.getProcessCpuTime() - cpuBefore;
        receiver.logTo(null);
        RunResult result = log.result(name);
        double cpuMicros = cpuNanos / 1e3 / Math.max(1, result.received());
        System.out.printf(Locale.ROOT, "%s%s %9.1f%n", all ? "" : "TIMED OUT ", result.row(), cpuMicros);
        if (result.received() < result.published() || result.duplicates() > 0) {
            notes.add(name + ": " + result.received() + " of " + result.published() + " received, "
                    + result.duplicates() + " duplicates: its figures are not valid");
        }
        return new Measured(result, cpuMicros);
    }

    private void report(String store, List<Map<Variant, Measured>> full, List<Map<Variant, Measured>> paced,
            double rate) {
        System.out.printf(Locale.ROOT, "%n%s, %d events per full-speed run%s; ratios to the baseline of the same round%n",
                store, settings.events(), paced.isEmpty() ? "" : String.format(Locale.ROOT,
                        ", paced runs at %.0f/s for %d s", rate, settings.latencySeconds()));
        System.out.println("| round | variant | deliveries/s | ratio | CPU µs/delivery | ratio | p50 ms | p99 ms"
                + " | paced p50 ms | paced p99 ms | paced p99 ratio |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int round = 0; round < full.size(); round++) {
            Measured base = full.get(round).get(Variant.BASE);
            Measured pacedBase = paced.isEmpty() ? null : paced.get(round).get(Variant.BASE);
            for (Variant variant : settings.variants()) {
                Measured run = full.get(round).get(variant);
                String latency = " | | |";
                if (pacedBase != null) {
                    RunResult slow = paced.get(round).get(variant).run();
                    latency = String.format(Locale.ROOT, " | %.2f | %.2f | %.2f×", slow.p50Millis(), slow.p99Millis(),
                            slow.p99Millis() / pacedBase.run().p99Millis());
                }
                System.out.printf(Locale.ROOT, "| %d | %s | %,.0f | %.2f× | %.0f | %.2f× | %.0f | %.0f%s |%n",
                        round + 1, variant.label(), run.run().deliveriesPerSecond(),
                        run.run().deliveriesPerSecond() / base.run().deliveriesPerSecond(), run.cpuMicros(),
                        run.cpuMicros() / base.cpuMicros(), run.run().p50Millis(), run.run().p99Millis(), latency);
            }
        }
        System.out.println();
        for (Variant variant : settings.variants().subList(1, settings.variants().size())) {
            double[] rates = ratios(full, variant, measured -> measured.run().deliveriesPerSecond());
            double[] cpu = ratios(full, variant, Measured::cpuMicros);
            String latency = paced.isEmpty() ? "" : String.format(Locale.ROOT, "; paced p50 %.2fx, p99 %.2fx",
                    median(ratios(paced, variant, measured -> measured.run().p50Millis())),
                    median(ratios(paced, variant, measured -> measured.run().p99Millis())));
            System.out.printf(Locale.ROOT, "%s (medians of %d rounds): deliveries/s %.2fx the baseline (%.2fx to %.2fx),"
                    + " CPU per delivery %.2fx (%.2fx to %.2fx)%s%n", variant.label(), rates.length, median(rates),
                    rates[0], rates[rates.length - 1], median(cpu), cpu[0], cpu[cpu.length - 1], latency);
        }
        notes.forEach(System.out::println);
    }

    /** Per round, the variant's figure over the baseline's, sorted. */
    private static double[] ratios(List<Map<Variant, Measured>> rounds, Variant variant,
            java.util.function.ToDoubleFunction<Measured> figure) {
        return rounds.stream().mapToDouble(round -> figure.applyAsDouble(round.get(variant))
                / figure.applyAsDouble(round.get(Variant.BASE))).sorted().toArray();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * The integrations of one run: created with it and closed after it (the SDK shut down, so that its
     * span count is final). Not thread-safe; used by the main thread.
     */
    private static final class Integrations implements AutoCloseable {
        private final SimpleMeterRegistry registry;
        private final WebhookMetrics metrics;
        private final ScheduledExecutorService scraper;
        private final CountingExporter exporter;
        private final OpenTelemetrySdk sdk;
        private final Span publishing;
        /** The last scrape's sum, kept so that the scrape's reads cannot be optimised away. */
        @SuppressWarnings("unused")
        private volatile double scraped;
        private boolean closed;

        Integrations(Variant variant, boolean batchSpans) {
            registry = variant.metrics ? new SimpleMeterRegistry() : null;
            metrics = variant.metrics ? WebhookMetrics.builder(registry).backlogInterval(Duration.ofSeconds(1)).build()
                    : null;
            scraper = variant.metrics ? Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "scraper");
                thread.setDaemon(true);
                return thread;
            }) : null;
            exporter = variant.tracing ? new CountingExporter() : null;
            SpanProcessor processor = !variant.tracing ? null
                    : batchSpans ? BatchSpanProcessor.builder(exporter).build() : SimpleSpanProcessor.create(exporter);
            sdk = variant.tracing ? OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(processor).build()).build() : null;
            publishing = variant.tracing ? sdk.getTracer("benchmark").spanBuilder("publish").startSpan() : null;
        }

        WebhookSender.Builder configure(WebhookSender.Builder builder) {
            if (metrics != null) {
                builder.listener(metrics.listener());
            }
            if (sdk != null) {
                builder.tracer(OpenTelemetryTracing.create(sdk));
            }
            return builder;
        }

        /** Binds the backlog gauge and starts scraping every meter once a second, as a scrape would. */
        void bind(WebhookSender sender) {
            if (metrics != null) {
                metrics.bindBacklog(sender);
                scraper.scheduleAtFixedRate(this::scrape, 1, 1, TimeUnit.SECONDS);
            }
        }

        private void scrape() {
            double sum = 0;
            for (Meter meter : registry.getMeters()) {
                for (Measurement measurement : meter.measure()) {
                    sum += measurement.getValue();
                }
            }
            scraped = sum;
        }

        /** The context publishing runs in: the publishing span's with tracing, else the root. */
        Context publishingContext() {
            return publishing == null ? Context.root() : Context.root().with(publishing);
        }

        /** Closes what it made and says whether what was measured happened: an empty string if it did. */
        String check(int delivered) {
            close();
            List<String> problems = new ArrayList<>();
            if (registry != null) {
                Collection<Timer> attempts = registry.find("webhooks.attempts").timers();
                long count = attempts.stream().mapToLong(Timer::count).sum();
                if (count != delivered) {
                    problems.add("webhooks.attempts counted " + count + " attempts for " + delivered + " deliveries");
                }
            }
            if (exporter != null && exporter.spans.get() != delivered + 1) {
                problems.add("spans exported: " + exporter.spans.get() + " for " + delivered
                        + " deliveries and 1 publishing span (the span processor dropped the rest)");
            }
            return String.join("; ", problems);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (metrics != null) {
                scraper.shutdownNow();
                metrics.close();
            }
            if (sdk != null) {
                publishing.end();
                sdk.getSdkTracerProvider().shutdown().join(10, TimeUnit.SECONDS);
            }
            closed = true;
        }
    }

    /** An exporter that only counts what it is given: the cost measured is the tracing's, not an export's. */
    private static final class CountingExporter implements SpanExporter {
        private final AtomicLong spans = new AtomicLong();

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAndGet(batch.size());
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    /** Fresh stores of one kind, each released after its run. */
    private interface Stores extends AutoCloseable {

        /** A new, empty, migrated store. */
        WebhookStore fresh() throws Exception;

        /** Closes a store {@link #fresh} returned. */
        default void release(WebhookStore store) throws Exception {
            if (store instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }

        /** The store, as the report names it. */
        String description();

        @Override
        default void close() throws Exception {}

        static Stores open(String kind) throws Exception {
            return switch (kind) {
                case "memory" -> new Stores() {
                    @Override
                    public WebhookStore fresh() {
                        return WebhookStore.inMemory();
                    }

                    @Override
                    public String description() {
                        return "in-memory store";
                    }
                };
                case "h2" -> new H2Stores(Files.createTempDirectory("migomail-webhooks-integrations-"));
                default -> new PostgresStores(EmbeddedDatabase.start(10, "on"));
            };
        }
    }

    /** A new H2 file per run in one temporary directory, removed at the end. */
    private static final class H2Stores implements Stores {
        private final Path directory;
        private int next;

        H2Stores(Path directory) {
            this.directory = directory;
        }

        @Override
        public WebhookStore fresh() {
            var store = BenchmarkStores.h2File(directory.resolve("webhooks-" + ++next));
            store.migrate();
            return store;
        }

        @Override
        public String description() {
            return "H2 file store";
        }

        @Override
        public void close() throws Exception {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** New tables (a table prefix of their own) per run in one PostgreSQL started by the harness. */
    private static final class PostgresStores implements Stores {
        private final EmbeddedDatabase database;
        private int next;

        PostgresStores(EmbeddedDatabase database) {
            this.database = database;
        }

        @Override
        public WebhookStore fresh() {
            var store = BenchmarkStores.builder().dataSource(database.dataSource()).tablePrefix("run" + ++next + "_")
                    .build();
            store.migrate();
            return store;
        }

        @Override
        public String description() {
            return "PostgreSQL store (synchronous_commit=on)";
        }

        @Override
        public void close() throws Exception {
            database.close();
        }
    }
}
