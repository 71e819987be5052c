package org.corads.pipeline.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.corads.pipeline.grading.GradingService;
import org.corads.pipeline.grading.GradingSettings;
import org.corads.pipeline.grading.ObjectCreated;
import org.corads.pipeline.grading.ScanKind;
import org.corads.pipeline.grading.ScanVersion;
import org.junit.jupiter.api.Test;

/**
 * The grading routes on plain Camel with the grading work stubbed: intake and the idempotent consumer, bounded
 * redelivery, the dead-letter path and the webhook's answers. Storage, models and HTTP are not involved.
 */
class GradingRoutesTest extends CamelTestSupport {

    /** The grading service with in-memory claims and a grading step that can be told to fail. */
    static final class StubGrading extends GradingService {
        final IdempotentRepository claims = MemoryIdempotentRepository.memoryIdempotentRepository(100);
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final List<String> graded = new CopyOnWriteArrayList<>();
        final List<String> failed = new CopyOnWriteArrayList<>();
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();
        final Set<String> inFlight = ConcurrentHashMap.newKeySet();

        @Override
        public GradingSettings settings() {
            return new GradingSettings() {
                public Optional<String> model() {
                    return Optional.of("s3://models/s/a/");
                }

                public int pollSeconds() {
                    return 0;
                }

                public int seriesQuietSeconds() {
                    return 1;
                }

                public int concurrency() {
                    return 2;
                }

                public int queueSize() {
                    return 8;
                }

                public int maxRedeliveries() {
                    return 2;
                }

                public int sweepSeconds() {
                    return 1;
                }

                public List<String> ignorePrefixes() {
                    return List.of();
                }
            };
        }

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public Optional<String> eventsToken() {
            return Optional.of("t0ken");
        }

        @Override
        public boolean authorised(String header) {
            return "Bearer t0ken".equals(header);
        }

        @Override
        public List<ScanVersion> fromCreated(ObjectCreated o) {
            return List.of(new ScanVersion(o.bucket(), o.key(), o.etag(), ScanKind.FILE));
        }

        @Override
        public IdempotentRepository claimRepository() {
            return claims;
        }

        @Override
        public boolean begin(ScanVersion v) {
            return inFlight.add(v.id());
        }

        @Override
        public void end(ScanVersion v) {
            inFlight.remove(v.id());
        }

        @Override
        public void accepted(ScanVersion v) {
            accepted.incrementAndGet();
        }

        @Override
        public void duplicate(ScanVersion v) {
            duplicates.incrementAndGet();
        }

        @Override
        public void grade(ScanVersion v) {
            int n = attempts.computeIfAbsent(v.key(), k -> new AtomicInteger()).incrementAndGet();
            if (v.key().startsWith("broken") || v.key().startsWith("flaky") && n <= 2) {
                throw new IllegalStateException("attempt " + n + " of " + v.key() + " failed");
            }
            graded.add(v.key());
        }

        @Override
        public void failed(ScanVersion v, Throwable cause) {
            failed.add(v.key() + ": " + cause.getMessage());
        }
    }

    private final StubGrading grading = new StubGrading();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new GradingRoutes(grading);
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    private void start() throws Exception {
        AdviceWith.adviceWith(context, "grading-webhook", a -> a.replaceFromWith("direct:webhook"));
        context.start();
        context.getRouteController().startRoute(GradingRoutes.WORKER);
    }

    private static ScanVersion version(String key) {
        return new ScanVersion("scans", key, "etag-1", ScanKind.FILE);
    }

    @Test
    void aVersionSeenThreeTimesIsGradedOnce() throws Exception {
        start();
        NotifyBuilder done = new NotifyBuilder(context).fromRoute(GradingRoutes.WORKER).whenDone(1).create();
        for (int i = 0; i < 3; i++) {
            template.sendBody("direct:grading-intake", version("a.nii.gz"));
        }
        assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(grading.graded).containsExactly("a.nii.gz");
        assertThat(grading.accepted.get()).isEqualTo(1);
        assertThat(grading.duplicates.get()).isEqualTo(2);
        assertThat(grading.claims.contains(version("a.nii.gz").idempotencyKey())).isTrue();
    }

    @Test
    void aFailureIsRedeliveredAndThenGraded() throws Exception {
        start();
        NotifyBuilder done = new NotifyBuilder(context).fromRoute(GradingRoutes.WORKER).whenDone(1).create();
        template.sendBody("direct:grading-intake", version("flaky.nii.gz"));
        assertThat(done.matches(20, TimeUnit.SECONDS)).isTrue();
        assertThat(grading.attempts.get("flaky.nii.gz").get()).isEqualTo(3);
        assertThat(grading.graded).containsExactly("flaky.nii.gz");
        assertThat(grading.failed).isEmpty();
    }

    @Test
    void aPersistentFailureEndsInTheDeadLetterRouteWithAFailedResult() throws Exception {
        start();
        NotifyBuilder dead = new NotifyBuilder(context).fromRoute(GradingRoutes.WORKER).whenFailed(0).whenDone(1)
                .create();
        template.sendBody("direct:grading-intake", version("broken.nii.gz"));
        assertThat(dead.matches(20, TimeUnit.SECONDS)).isTrue();
        assertThat(grading.attempts.get("broken.nii.gz").get()).isEqualTo(3);
        assertThat(grading.failed).containsExactly("broken.nii.gz: attempt 3 of broken.nii.gz failed");
        assertThat(grading.graded).isEmpty();
        assertThat(grading.inFlight).isEmpty();
    }

    @Test
    void theWebhookAnswersByTokenAndBody() throws Exception {
        start();
        String body = "{\"Records\":[{\"eventName\":\"s3:ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"scans\"},"
                + "\"object\":{\"key\":\"dir%2Fb+c.nii.gz\",\"eTag\":\"\\\"e1\\\"\"}}},"
                + "{\"eventName\":\"s3:ObjectRemoved:Delete\",\"s3\":{\"bucket\":{\"name\":\"scans\"},"
                + "\"object\":{\"key\":\"gone.nii.gz\"}}}]}";
        NotifyBuilder done = new NotifyBuilder(context).fromRoute(GradingRoutes.WORKER).whenDone(1).create();
        Exchange ok = template.request("direct:webhook", e -> {
            e.getMessage().setHeader("Authorization", "Bearer t0ken");
            e.getMessage().setBody(body);
        });
        assertThat(ok.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(202);
        assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(grading.graded).containsExactly("dir/b c.nii.gz");

        Exchange noToken = template.request("direct:webhook", e -> e.getMessage().setBody(body));
        assertThat(noToken.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
        Exchange malformed = template.request("direct:webhook", e -> {
            e.getMessage().setHeader("Authorization", "Bearer t0ken");
            e.getMessage().setBody("{\"Records\": 7}");
        });
        assertThat(malformed.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(400);
        assertThat(malformed.getMessage().getBody(String.class)).contains("'Records' must be an array");
        assertThat(grading.accepted.get()).isEqualTo(1);
    }
}
