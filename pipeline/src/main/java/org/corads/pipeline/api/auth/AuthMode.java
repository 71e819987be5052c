package org.corads.pipeline.api.auth;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the API authenticates ({@code corads.api.auth}). */
public enum AuthMode {
    /** bearer tokens listed in {@code corads.api.tokens-file} (a mounted Secret); the default */
    TOKENS("tokens"),
    /** bearer tokens issued by the site's identity provider, checked by {@code quarkus-oidc} */
    OIDC("oidc"),
    /** no authentication: only for a server that listens on loopback */
    NONE("none");

    private final String label;

    AuthMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<AuthMode> of(String label) {
        return Arrays.stream(values()).filter(m -> m.label.equals(label)).findFirst();
    }

    /** "tokens, oidc, none". */
    public static String labels() {
        return Arrays.stream(values()).map(AuthMode::label).collect(Collectors.joining(", "));
    }
}
