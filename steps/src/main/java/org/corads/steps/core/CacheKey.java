package org.corads.steps.core;

import java.util.Map;
import java.util.TreeMap;

/**
 * The content address of a step's outputs: SHA-256 over the step name, step version, canonical JSON of the
 * parameters, and the SHA-256 digests of the inputs (sorted by input name). Unchanged inputs and parameters
 * give the same key, so outputs stored under it are reused instead of recomputed.
 *
 * @param hex 64 lower-case hex digits
 */
public record CacheKey(String hex) {

    public CacheKey {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("cache key must be 64 lower-case hex digits");
        }
    }

    public static CacheKey of(String step, int version, Object params, Map<String, String> inputDigests) {
        StringBuilder sb = new StringBuilder();
        sb.append("step=").append(step).append('\n');
        sb.append("version=").append(version).append('\n');
        sb.append("params=").append(CanonicalJson.of(params)).append('\n');
        for (Map.Entry<String, String> e : new TreeMap<>(inputDigests).entrySet()) {
            sb.append("input:").append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        return new CacheKey(Sha256.of(sb.toString()));
    }

    @Override
    public String toString() {
        return hex;
    }
}
