package org.corads.pipeline.api.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token presented to the API (null: no authentication configured, {@link AuthMode#NONE}). */
public final class ApiTokenRequest extends BaseAuthenticationRequest {
    private final String token;

    public ApiTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
