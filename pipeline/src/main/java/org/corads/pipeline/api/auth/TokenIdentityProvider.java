package org.corads.pipeline.api.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Set;

/** Turns a presented bearer token into the identity its line in the tokens file names, with its roles. */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<ApiTokenRequest> {

    @Inject
    ApiAuth auth;

    @Override
    public Class<ApiTokenRequest> getRequestType() {
        return ApiTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenRequest request, AuthenticationRequestContext context) {
        if (auth.mode() == AuthMode.NONE) {
            return Uni.createFrom().item(identity("local (authentication off)", EnumSet.allOf(ApiRole.class)));
        }
        return auth.tokens().caller(request.token()).map(c -> Uni.createFrom().item(identity(c.name(), c.roles())))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("unknown bearer token")));
    }

    private static SecurityIdentity identity(String name, Set<ApiRole> roles) {
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name));
        roles.forEach(r -> b.addRole(r.label()));
        return b.build();
    }
}
