package org.corads.pipeline.routes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.corads.pipeline.app.Refused;
import org.corads.pipeline.grading.GradingService;
import org.corads.pipeline.grading.GradingSettings;
import org.corads.pipeline.grading.ScanVersion;
import org.corads.pipeline.grading.Webhook;
import org.corads.steps.io.BadInputException;

/**
 * Grading on arrival. Two intakes feed one route: {@code POST /events/s3} (bucket notifications, platform-http)
 * and a timer polling the scans bucket. Each scan version passes an idempotent consumer whose repository is the
 * durable claim in the bucket, then waits in a bounded {@code seda} queue for a worker; workers grade with bounded
 * redelivery, and a version that still fails goes to the dead-letter route, which writes its {@code failed} result.
 * A sweep picks up claims without results (after a restart, or when the queue was full) and series that went
 * quiet. Only the webhook starts with the app; the rest starts in {@code serve} once the ensemble is loaded.
 */
@ApplicationScoped
public class GradingRoutes extends RouteBuilder {
    public static final String WORKER = "grading-worker";
    public static final String POLL = "grading-poll";
    public static final String SWEEP = "grading-sweep";
    public static final String MODEL = "grading-model";

    @Inject
    GradingService grading;

    public GradingRoutes() {}

    /** For tests: the routes over a given service. */
    public GradingRoutes(GradingService grading) {
        this.grading = grading;
    }

    @Override
    public void configure() {
        GradingSettings s = grading.settings();
        Webhook webhook = new Webhook(grading);
        String queue = "seda:grading?size=" + s.queueSize();
        // @formatter:off

        from("platform-http:/events/s3?httpMethodRestrict=POST").routeId("grading-webhook")
                .setProperty(Webhook.AUTHORIZATION, header("Authorization"))
                .removeHeaders("*")
                .doTry()
                    .bean(webhook, "authorise")
                    .bean(webhook, "parse")
                    .split(body()).stopOnException()
                        .to("direct:grading-object")
                    .endDoTry()
                    .bean(webhook, "accepted")
                .doCatch(Refused.class)
                    .bean(webhook, "refused")
                .doCatch(BadInputException.class)
                    .bean(webhook, "malformed")
                .end();

        from("direct:grading-object").routeId("grading-object")
                .split(method(grading, "fromCreated"))
                    .to("direct:grading-intake");

        from("direct:grading-intake").routeId("grading-intake")
                .choice()
                    .when(method(grading, "begin"))
                        .idempotentConsumer(simple("${body.idempotencyKey}"), grading.claimRepository())
                                .eager(true).skipDuplicate(false).removeOnFailure(false)
                            .choice()
                                .when(exchangeProperty(Exchange.DUPLICATE_MESSAGE).isEqualTo(true))
                                    .bean(grading, "duplicate").bean(grading, "end")
                                .otherwise()
                                    .bean(grading, "accepted")
                                    .to("direct:grading-enqueue")
                            .end()
                        .end()
                    .endChoice()
                    .otherwise()
                        .bean(grading, "duplicate")
                .end();

        from("direct:grading-enqueue").routeId("grading-enqueue")
                .doTry()
                    .to(ExchangePattern.InOnly, queue + "&blockWhenFull=false")
                .doCatch(IllegalStateException.class)
                    .log("grading queue full: ${body.key} waits as a claim and is picked up by the sweep")
                    .bean(grading, "end")
                .end();

        from(queue + "&concurrentConsumers=" + s.concurrency()).routeId(WORKER).autoStartup(false)
                .errorHandler(deadLetterChannel("direct:grading-failed").maximumRedeliveries(s.maxRedeliveries())
                        .redeliveryDelay(1000).useOriginalMessage())
                .bean(grading, "grade")
                .bean(grading, "end");

        from("direct:grading-failed").routeId("grading-failed")
                .process(e -> grading.failed(e.getMessage().getBody(ScanVersion.class),
                        e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)))
                .bean(grading, "end");

        from("timer:grading-poll?delay=1000&period=" + Math.max(1, s.pollSeconds()) * 1000L).routeId(POLL)
                .autoStartup(false)
                .split(method(grading, "poll"))
                    .to("direct:grading-intake");

        from("timer:grading-sweep?delay=0&period=" + s.sweepSeconds() * 1000L).routeId(SWEEP).autoStartup(false)
                .split(method(grading, "quietSeries"))
                    .to("direct:grading-intake")
                .end()
                .split(method(grading, "pending"))
                    .filter(method(grading, "begin"))
                        .to("direct:grading-enqueue");

        from("timer:grading-model?delay=0&period=15000").routeId(MODEL).autoStartup(false)
                .filter(method(grading, "loadEnsemble"))
                    .process(e -> startGrading(e, s));
        // @formatter:on
    }

    /** Starts the worker, the sweep and (unless turned off) the poll, once. */
    private static void startGrading(Exchange e, GradingSettings s) throws Exception {
        var routes = e.getContext().getRouteController();
        if (routes.getRouteStatus(WORKER).isStarted()) {
            return;
        }
        routes.startRoute(WORKER);
        routes.startRoute(SWEEP);
        if (s.pollSeconds() > 0) {
            routes.startRoute(POLL);
        }
    }
}
