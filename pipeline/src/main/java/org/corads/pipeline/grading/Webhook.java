package org.corads.pipeline.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.corads.pipeline.app.Refused;
import org.corads.steps.io.BadInputException;

/**
 * The HTTP side of {@code POST /events/s3}: the bearer token ({@code CORADS_EVENTS_TOKEN}, MinIO's webhook
 * {@code auth_token}), and the answers: 202 once every record is claimed (durable), 400 with one line for a body
 * that is not a notification, 401 without the token, 503 while grading is not configured.
 */
public final class Webhook {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The exchange property holding the request's {@code Authorization} header (request headers are dropped). */
    public static final String AUTHORIZATION = "CoradsAuthorization";

    private final GradingService grading;

    public Webhook(GradingService grading) {
        this.grading = grading;
    }

    /** Refuses a request that grading cannot take or whose token is wrong. */
    public void authorise(Exchange e) {
        if (!grading.configured()) {
            throw new Refused(503, "grading is not configured on this server (set CORADS_GRADING_MODEL)");
        }
        if (grading.eventsToken().isEmpty()) {
            throw new Refused(503, "set CORADS_EVENTS_TOKEN to accept bucket notifications");
        }
        if (!grading.authorised(e.getProperty(AUTHORIZATION, String.class))) {
            throw new Refused(401, "missing or wrong bearer token");
        }
    }

    /** The body's created objects; a body that is not JSON text (a form, say) is refused with one line. */
    public List<ObjectCreated> parse(Exchange e) {
        Object body = e.getMessage().getBody();
        if (body != null && !(body instanceof byte[] || body instanceof String || body instanceof InputStream
                || body.getClass().getName().contains("Buffer"))) {
            throw new BadInputException("the notification must be sent as JSON (Content-Type: application/json)");
        }
        byte[] bytes = e.getMessage().getBody(byte[].class);
        return S3Events.parse(bytes == null ? new byte[0] : bytes);
    }

    /** 202: the records are accepted (claimed and queued, or waiting as claims). */
    public void accepted(Exchange e) throws Exception {
        int n = e.getMessage().getBody(List.class) == null ? 0 : e.getMessage().getBody(List.class).size();
        respond(e, 202, Map.of("accepted", n));
    }

    public void refused(Exchange e) throws Exception {
        Refused r = e.getProperty(Exchange.EXCEPTION_CAUGHT, Refused.class);
        respond(e, r.status(), Map.of("error", r.getMessage()));
    }

    public void malformed(Exchange e) throws Exception {
        BadInputException b = e.getProperty(Exchange.EXCEPTION_CAUGHT, BadInputException.class);
        respond(e, 400, Map.of("error", b.getMessage()));
    }

    private static void respond(Exchange e, int status, Map<String, Object> body) throws Exception {
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        e.getMessage().setBody(JSON.writeValueAsString(body));
    }
}
