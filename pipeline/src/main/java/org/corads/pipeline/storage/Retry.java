package org.corads.pipeline.storage;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Bounded retries with exponential backoff (200 ms, 400 ms, 800 ms…) for storage calls. Retried:
 * connection and IO errors, 5xx answers, S3 "SlowDown"/"InternalError". Never retried: authentication and
 * authorisation failures (one clear error naming the endpoint and the variables to check), and other S3 errors.
 */
final class Retry {
    private static final Logger LOG = Logger.getLogger(Retry.class);
    private static final Set<String> AUTH = Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
            "InvalidToken", "ExpiredToken", "AuthorizationHeaderMalformed");
    private static final Set<String> TRANSIENT = Set.of("SlowDown", "InternalError", "ServiceUnavailable",
            "RequestTimeout");

    /** A storage call. */
    interface Call<T> {
        T call() throws Exception;
    }

    private final String endpoint;
    private final int maxAttempts;
    private final Runnable afterConnectionError;

    /**
     * @param afterConnectionError run after a connection or IO error, before the retry: drops the idle pooled
     *                                 connections, which the server has most likely closed as well (restarted, or idle
     *                                 too long), so that the retry does not take another dead one
     */
    Retry(String endpoint, int maxAttempts, Runnable afterConnectionError) {
        this.endpoint = endpoint;
        this.maxAttempts = maxAttempts;
        this.afterConnectionError = afterConnectionError;
    }

    <T> T run(String what, Call<T> call) {
        long backoff = 200;
        for (int attempt = 1;; attempt++) {
            try {
                return call.call();
            } catch (StorageException e) {
                throw e;
            } catch (ErrorResponseException e) {
                String code = e.errorResponse().code();
                if (AUTH.contains(code)) {
                    throw new StorageException("S3 at " + endpoint + " refused " + what + ": " + code
                            + " (check CORADS_S3_ACCESS_KEY and CORADS_S3_SECRET_KEY)", true, e);
                }
                if (!TRANSIENT.contains(code) || attempt >= maxAttempts) {
                    throw new StorageException(
                            "S3 at " + endpoint + ": " + what + " failed: " + code + " " + e.errorResponse().message(),
                            false, e);
                }
            } catch (IOException | ServerException e) {
                afterConnectionError.run();
                if (attempt >= maxAttempts) {
                    throw new StorageException("S3 at " + endpoint + ": " + what + " failed after " + attempt
                            + " attempts: " + e.getMessage(), false, e);
                }
            } catch (Exception e) {
                throw new StorageException("S3 at " + endpoint + ": " + what + " failed: " + e, false, e);
            }
            LOG.debugf("retrying %s (attempt %d of %d) in %d ms", what, attempt + 1, maxAttempts, backoff);
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted while retrying " + what, false, ie);
            }
            backoff *= 2;
        }
    }
}
