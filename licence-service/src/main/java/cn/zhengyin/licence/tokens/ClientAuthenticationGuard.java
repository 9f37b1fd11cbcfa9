package cn.zhengyin.licence.tokens;

import cn.zhengyin.service.audit.AuditEvent;
import cn.zhengyin.service.audit.AuditLog;
import cn.zhengyin.service.audit.AuditRequests;
import java.io.Serial;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Client authentication by secret ({@code client_secret_basic}, {@code client_secret_post}) at the authorisation
 * server's token, introspection and revocation endpoints, without a CPU lever or an oracle (issue #14, finding 2):
 *
 * <ul>
 *   <li>a secret this server verified recently for the client is recognised without hashing
 *       ({@link RememberedSecrets}), so a legitimate client keeps getting tokens while others are locked out;
 *   <li>every other attempt first takes a check from the bucket of the claimed client id and from that of the source
 *       address; when either is empty the answer is 429 with {@code Retry-After}, without hashing anything. A
 *       successful check gives them back, so only failures count;
 *   <li>an unknown client id, or one that may not use this method, costs a check against a dummy hash and gets the
 *       same answer as a wrong secret.
 * </ul>
 */
public final class ClientAuthenticationGuard {
    private final AttemptBuckets clients;
    private final AttemptBuckets addresses;
    private final RememberedSecrets secrets;

    /**
     * @param failuresPerClient  failed checks a claimed client id may cause in a row before it is refused
     * @param clientRefill       one more check for a client id every this long
     * @param failuresPerAddress failed checks a source address may cause in a row before it is refused
     * @param addressRefill      one more check for an address every this long
     * @param rememberSecretsFor how long a verified secret is recognised without hashing
     */
    public record Limits(
            int failuresPerClient,
            Duration clientRefill,
            int failuresPerAddress,
            Duration addressRefill,
            Duration rememberSecretsFor) {}

    public ClientAuthenticationGuard(Limits limits, Clock clock) {
        this.clients = new AttemptBuckets(limits.failuresPerClient(), limits.clientRefill(), clock);
        this.addresses = new AttemptBuckets(limits.failuresPerAddress(), limits.addressRefill(), clock);
        this.secrets = new RememberedSecrets(limits.rememberSecretsFor(), clock);
    }

    /** Refused without a check: too many failed authentications for this client id or from this address. */
    public static final class Limited extends OAuth2AuthenticationException {
        @Serial
        private static final long serialVersionUID = 1L;

        private final Duration retryAfter;
        private final boolean first;
        private final String claimedClient;
        private final String limitedKey;

        Limited(Duration retryAfter, boolean first, String claimedClient, String limitedKey) {
            super(new OAuth2Error(
                    "temporarily_unavailable",
                    "too many failed client authentications; retry after " + seconds(retryAfter) + " s",
                    null));
            this.retryAfter = retryAfter;
            this.first = first;
            this.claimedClient = claimedClient;
            this.limitedKey = limitedKey;
        }

        public long retryAfterSeconds() {
            return seconds(retryAfter);
        }

        private static long seconds(Duration d) {
            return Math.max(1, (d.toMillis() + 999) / 1000);
        }
    }

    /** Spring Authorization Server's client-secret provider, behind this guard. */
    public AuthenticationProvider around(
            ClientSecretAuthenticationProvider provider, RegisteredClientRepository registeredClients) {
        provider.setPasswordEncoder(secrets);
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                return guarded((OAuth2ClientAuthenticationToken) authentication, provider, registeredClients);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return provider.supports(authentication);
            }
        };
    }

    private Authentication guarded(
            OAuth2ClientAuthenticationToken request,
            AuthenticationProvider provider,
            RegisteredClientRepository registeredClients) {
        ClientAuthenticationMethod method = request.getClientAuthenticationMethod();
        if (!ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(method)
                && !ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(method)) {
            return null; // not a secret: another provider's
        }
        String clientId = String.valueOf(request.getPrincipal());
        String secret =
                request.getCredentials() == null ? "" : request.getCredentials().toString();
        RegisteredClient client = registeredClients.findByClientId(clientId);
        boolean usable = client != null
                && client.getClientSecret() != null
                && client.getClientAuthenticationMethods().contains(method);
        if (usable && secrets.remembers(secret, client.getClientSecret())) {
            return provider.authenticate(request); // recognised without hashing
        }
        String address = request.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress()
                : "unknown";
        Optional<AttemptBuckets.Refusal> refusedClient = clients.take(clientId);
        if (refusedClient.isPresent()) {
            throw new Limited(
                    refusedClient.get().retryAfter(),
                    refusedClient.get().first(),
                    clientId,
                    "client id '" + clientId + "'");
        }
        Optional<AttemptBuckets.Refusal> refusedAddress = addresses.take(address);
        if (refusedAddress.isPresent()) {
            clients.giveBack(clientId);
            throw new Limited(
                    refusedAddress.get().retryAfter(), refusedAddress.get().first(), clientId, "address " + address);
        }
        boolean authenticated = false;
        try {
            if (!usable) {
                secrets.spendACheck(secret);
                throw new OAuth2AuthenticationException(new OAuth2Error(
                        OAuth2ErrorCodes.INVALID_CLIENT,
                        "Client authentication failed: " + (client == null ? "client_id" : "authentication_method"),
                        null));
            }
            Authentication result = provider.authenticate(request);
            authenticated = result != null && result.isAuthenticated();
            return result;
        } finally {
            if (authenticated) {
                clients.giveBack(clientId);
                addresses.giveBack(address);
            }
        }
    }

    /**
     * The client-authentication error handler: a {@link Limited} refusal is answered 429 with {@code Retry-After} and
     * an OAuth2 error body (recorded in the audit log once per run of refusals, as {@code oauth2.client-authentication}
     * DENIED); everything else goes to {@code others}.
     */
    public AuthenticationFailureHandler answeringLimits(AuthenticationFailureHandler others, AuditLog audit) {
        OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();
        return (request, response, exception) -> {
            if (!(exception instanceof Limited limited)) {
                others.onAuthenticationFailure(request, response, exception);
                return;
            }
            if (limited.first) {
                Map<String, String> details = AuditRequests.describe(request);
                details.put("error", limited.getError().getErrorCode());
                details.put(
                        "reason",
                        "too many failed client authentications for " + limited.limitedKey
                                + "; further attempts refused unchecked for " + limited.retryAfterSeconds() + " s");
                audit.record(
                        "oauth2.client-authentication", AuditEvent.Outcome.DENIED, limited.claimedClient, "", details);
            }
            var http = new ServletServerHttpResponse(response);
            http.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
            http.getHeaders().set("Retry-After", Long.toString(limited.retryAfterSeconds()));
            errors.write(limited.getError(), null, http);
        };
    }
}
