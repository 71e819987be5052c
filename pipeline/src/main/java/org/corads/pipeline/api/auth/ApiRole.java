package org.corads.pipeline.api.auth;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The API's roles: what a token (or an OIDC identity) may do. */
public enum ApiRole {
    /** reads studies, their reports and the published models */
    READER("reader"),
    /** submits and cancels studies, and reads like a reader */
    SUBMITTER("submitter");

    private final String label;

    ApiRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<ApiRole> of(String label) {
        return Arrays.stream(values()).filter(r -> r.label.equals(label)).findFirst();
    }

    /** "reader, submitter". */
    public static String labels() {
        return Arrays.stream(values()).map(ApiRole::label).collect(Collectors.joining(", "));
    }
}
