package org.corads.pipeline.grading;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Camel's idempotent consumer over {@link Claims}: the key is a {@link ScanVersion#idempotencyKey()}, and adding it
 * is the conditional PUT of the version's claim, durable and shared by every replica. Claims are never removed on
 * a failure: a scan whose grading failed keeps its claim and gets a {@code failed} result instead.
 */
public final class ClaimRepository extends ServiceSupport implements IdempotentRepository {
    private final Claims claims;

    public ClaimRepository(Claims claims) {
        this.claims = claims;
    }

    @Override
    public boolean add(String key) {
        return claims.claim(ScanVersion.parse(key));
    }

    @Override
    public boolean contains(String key) {
        return claims.isClaimed(ScanVersion.parse(key));
    }

    @Override
    public boolean remove(String key) {
        claims.release(ScanVersion.parse(key));
        return true;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("grading claims are durable records; they are not cleared in bulk");
    }
}
