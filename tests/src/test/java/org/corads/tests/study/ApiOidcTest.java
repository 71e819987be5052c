package org.corads.tests.study;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.corads.testkit.S3TestServer;
import org.corads.testkit.ServeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API with {@code CORADS_API_AUTH=oidc}: tokens from an identity provider, verified by {@code quarkus-oidc}
 * against the provider's published keys. The provider here is a JWKS document served on loopback and tokens signed
 * with its key; roles come from the token's {@code groups} claim.
 */
class ApiOidcTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @TempDir
    Path dir;

    @Test
    void tokensSignedByTheSitesProviderAreAcceptedWithTheirRolesAndOthersAreNot() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair idp = g.generateKeyPair();
        KeyPair stranger = g.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) idp.getPublic();
        byte[] jwks = JSON.writeValueAsBytes(Map.of("keys",
                List.of(Map.of("kty", "RSA", "kid", "k1", "alg", "RS256", "use", "sig", "n",
                        B64.encodeToString(unsigned(pub.getModulus())), "e",
                        B64.encodeToString(unsigned(pub.getPublicExponent()))))));
        HttpServer provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        provider.createContext("/realm/jwks", x -> {
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, jwks.length);
            x.getResponseBody().write(jwks);
            x.close();
        });
        provider.start();
        String issuer = "http://127.0.0.1:" + provider.getAddress().getPort() + "/realm";
        Map<String, String> env = new HashMap<>(S3TestServer.env(S3TestServer.freshConfig("oidc")));
        env.put("CORADS_API_AUTH", "oidc");
        env.put("QUARKUS_OIDC_TENANT_ENABLED", "true");
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer);
        env.put("QUARKUS_OIDC_DISCOVERY_ENABLED", "false");
        env.put("QUARKUS_OIDC_JWKS_PATH", "jwks");
        env.put("QUARKUS_OIDC_CLIENT_ID", "corads");
        env.put("QUARKUS_OIDC_TOKEN_ISSUER", issuer);
        try (ServeProcess api = ServeProcess.start(env, dir, "1g")) {
            String reader = token(idp, issuer, "ana", List.of("reader"));
            String submitter = token(idp, issuer, "lab", List.of("submitter"));
            assertThat(api.send("GET", "/studies", null, null).statusCode()).isEqualTo(401);
            assertThat(api.send("GET", "/studies", null, reader).statusCode()).as(api.log()).isEqualTo(200);
            assertThat(api.send("POST", "/studies", "seeds: 0\n", reader).statusCode()).isEqualTo(403);
            assertThat(api.send("POST", "/studies", "seeds: 0\n", submitter).statusCode()).isEqualTo(400);
            assertThat(api.send("GET", "/studies", null, token(stranger, issuer, "eve", List.of("submitter")))
                    .statusCode()).isEqualTo(401);
            assertThat(
                    api.send("GET", "/studies", null, token(idp, "http://elsewhere/realm", "eve", List.of("submitter")))
                            .statusCode())
                    .isEqualTo(401);
            assertThat(api.log()).doesNotContain(reader).doesNotContain(submitter);
        } finally {
            provider.stop(0);
        }
    }

    /** An RS256 JWT with key id {@code k1}, valid for ten minutes. */
    private static String token(KeyPair key, String issuer, String subject, List<String> groups) throws Exception {
        long now = Instant.now().getEpochSecond();
        String head = B64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "kid", "k1", "typ", "JWT")));
        String body = B64.encodeToString(JSON.writeValueAsBytes(Map.of("iss", issuer, "sub", subject, "iat", now, "exp",
                now + 600, "groups", groups, "preferred_username", subject)));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key.getPrivate());
        s.update((head + "." + body).getBytes(StandardCharsets.US_ASCII));
        return head + "." + body + "." + B64.encodeToString(s.sign());
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }
}
