package org.corads.pipeline.api.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.corads.steps.io.BadInputException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The API's authentication settings: {@code corads.api.auth} ({@link AuthMode}), {@code corads.api.tokens-file},
 * and whether they can work with the server's host and the OIDC settings ({@link #requireUsable()}, checked by
 * {@code serve} before it listens). The tokens file is read again when it changes (a rotated Secret), at most
 * once a request.
 */
@ApplicationScoped
public class ApiAuth {

    @ConfigProperty(name = "corads.api.auth", defaultValue = "tokens")
    String mode;

    @ConfigProperty(name = "corads.api.tokens-file")
    Optional<String> tokensFile;

    @ConfigProperty(name = "quarkus.http.host", defaultValue = "127.0.0.1")
    String host;

    @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false")
    boolean oidcEnabled;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    Optional<String> oidcServer;

    private ApiTokens tokens;
    private FileTime tokensModified;

    /** The configured mode; an unknown one is refused naming the accepted ones. */
    public AuthMode mode() {
        return AuthMode.of(mode).orElseThrow(() -> new BadInputException(
                "corads.api.auth: unknown mode '" + mode + "'; one of " + AuthMode.labels()));
    }

    /**
     * Refuses, with one line, settings under which the API would be open or unusable: no tokens file in
     * {@code tokens} mode, {@code none} on a host other than loopback, {@code oidc} without an identity provider.
     */
    public void requireUsable() {
        switch (mode()) {
            case TOKENS -> {
                if (tokensFile.isEmpty()) {
                    throw new BadInputException("the API needs bearer tokens: set CORADS_API_TOKENS_FILE to a file of"
                            + " '<name> <role> <token>' lines (a mounted Secret), or CORADS_API_AUTH=oidc, or"
                            + " CORADS_API_AUTH=none on a loopback-only server");
                }
                tokens();
                refuseOidcBeside();
            }
            case NONE -> {
                if (!loopback(host)) {
                    throw new BadInputException("CORADS_API_AUTH=none is only allowed on a loopback host, and"
                            + " QUARKUS_HTTP_HOST is " + host + "; configure tokens or OIDC");
                }
                refuseOidcBeside();
            }
            case OIDC -> {
                if (!oidcEnabled || oidcServer.isEmpty()) {
                    throw new BadInputException("CORADS_API_AUTH=oidc needs QUARKUS_OIDC_TENANT_ENABLED=true and"
                            + " QUARKUS_OIDC_AUTH_SERVER_URL (and QUARKUS_OIDC_CLIENT_ID)");
                }
            }
        }
    }

    private void refuseOidcBeside() {
        if (oidcEnabled) {
            throw new BadInputException(
                    "QUARKUS_OIDC_TENANT_ENABLED=true but CORADS_API_AUTH is " + mode + "; set CORADS_API_AUTH=oidc");
        }
    }

    /** The tokens, read again when the file has changed since the last read. */
    public synchronized ApiTokens tokens() {
        Path f = Path.of(tokensFile.orElseThrow(() -> new BadInputException("corads.api.tokens-file is not set")));
        FileTime m;
        try {
            m = Files.getLastModifiedTime(f);
        } catch (IOException e) {
            m = null;
        }
        if (tokens == null || m == null || !m.equals(tokensModified)) {
            tokens = ApiTokens.read(f);
            tokensModified = m;
        }
        return tokens;
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
