package org.corads.pipeline.api.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.corads.steps.core.Sha256;
import org.corads.steps.io.BadInputException;

/**
 * The API's bearer tokens, read from a file such as a mounted Kubernetes Secret: one token a line,
 * {@code <name> <role>[,<role>] <token>}, {@code #} starts a comment. Tokens are kept only as SHA-256 digests and
 * looked up by digest, so no token is held in memory or compared character by character; an error names the file
 * and line, never the token.
 */
public final class ApiTokens {
    /** Shortest token accepted: 20 characters (a random 120-bit token in base64 is 20). */
    public static final int MIN_LENGTH = 20;

    private final Map<String, Caller> byDigest;

    private ApiTokens(Map<String, Caller> byDigest) {
        this.byDigest = Map.copyOf(byDigest);
    }

    /**
     * Who holds a token.
     *
     * @param name  the name the file gives it (logged, never the token)
     * @param roles what it may do
     */
    public record Caller(String name, Set<ApiRole> roles) {}

    /** Reads and checks a tokens file; a bad line is a {@link BadInputException} naming file and line. */
    public static ApiTokens read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw BadInputException.of(file, "no such tokens file (corads.api.tokens-file)");
        } catch (IOException e) {
            throw BadInputException.of(file, "cannot read the tokens file: " + e.getMessage());
        }
        Map<String, Caller> out = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            String[] f = line.split("\\s+");
            if (f.length != 3) {
                throw new BadInputException(
                        where + "expected '<name> <role>[,<role>] <token>', got " + f.length + " field(s)");
            }
            Set<ApiRole> roles = EnumSet.noneOf(ApiRole.class);
            for (String r : f[1].split(",")) {
                roles.add(ApiRole.of(r).orElseThrow(
                        () -> new BadInputException(where + "unknown role '" + r + "'; roles: " + ApiRole.labels())));
            }
            if (f[2].length() < MIN_LENGTH) {
                throw new BadInputException(where + "the token of '" + f[0] + "' is shorter than " + MIN_LENGTH
                        + " characters; use a random one (openssl rand -base64 24)");
            }
            if (out.put(Sha256.of(f[2].getBytes(StandardCharsets.UTF_8)), new Caller(f[0], roles)) != null) {
                throw new BadInputException(where + "the token of '" + f[0] + "' is listed twice");
            }
        }
        if (out.isEmpty()) {
            throw BadInputException.of(file, "lists no token");
        }
        return new ApiTokens(out);
    }

    /** The holder of {@code token}, if it is listed. */
    public Optional<Caller> caller(String token) {
        return Optional.ofNullable(byDigest.get(Sha256.of(token.getBytes(StandardCharsets.UTF_8))));
    }

    public int size() {
        return byDigest.size();
    }
}
