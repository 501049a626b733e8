package io.watchfloor.sources.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Entra ID access tokens for Azure Resource Manager, from an azure-core {@link TokenCredential} (in production
 * azure-identity's DefaultAzureCredential: environment service principal, workload identity, managed identity,
 * az login, ...). A token is reused until {@link #REFRESH_AHEAD} before it expires, so a poll never starts with a
 * token about to run out. The token text is never put in a message or a log.
 */
final class ArmTokens {
    /** Refresh this long before expiry; ARM tokens live 60-90 minutes. */
    static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);

    static final String NO_CREDENTIAL_HINT = "run az login, or set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET"
            + " for a service principal, or run where a managed identity is assigned (clientId: for a user-assigned one)";
    private static final int CAUSE_CHARS = 240;

    private final TokenCredential credential;
    private final String scope;
    private final Clock clock;
    private AccessToken current;
    private boolean everWorked;
    private String refreshProblem;

    ArmTokens(TokenCredential credential, String scope, Clock clock) {
        this.credential = Objects.requireNonNull(credential, "credential");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The value for the Authorization header's bearer token. */
    synchronized String bearer() throws SourceException {
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.getExpiresAt().toInstant().minus(REFRESH_AHEAD))) {
            return current.getToken();
        }
        try {
            AccessToken fresh = credential.getTokenSync(new TokenRequestContext().addScopes(scope));
            if (fresh == null || fresh.getToken() == null || fresh.getToken().isBlank() || fresh.getExpiresAt() == null) {
                throw new SourceException(Kind.AUTH, "the Azure credential returned no token for " + scope);
            }
            current = fresh;
            everWorked = true;
            refreshProblem = null;
            return fresh.getToken();
        } catch (ClientAuthenticationException e) { // CredentialUnavailableException is one too
            return stillValidOr(now, e, everWorked
                    ? new SourceException(Kind.AUTH_EXPIRED, "the Azure sign-in ran out and could not be renewed ("
                            + cause(e) + "); sign in again: az login, or check the managed identity or service principal", e)
                    : new SourceException(Kind.AUTH, "no usable Azure credential: " + NO_CREDENTIAL_HINT
                            + " (" + cause(e) + ")", e));
        } catch (RuntimeException e) { // the token endpoint or the instance metadata service could not be reached
            return stillValidOr(now, e, new SourceException(Kind.UNREACHABLE,
                    "could not get an Azure token: " + cause(e), e));
        }
    }

    /**
     * Why the last refresh ahead of expiry failed while the old token is still in use, else null: the source
     * reports it as a warning, so the operator sees trouble before the token runs out.
     */
    synchronized String refreshProblem() {
        return refreshProblem;
    }

    /** Forget the token (Resource Manager said it expired), so the next call gets a new one. */
    synchronized void invalidate() {
        current = null;
    }

    private String stillValidOr(Instant now, RuntimeException e, SourceException otherwise) throws SourceException {
        if (current != null && now.isBefore(current.getExpiresAt().toInstant())) {
            Instant expires = current.getExpiresAt().toInstant().truncatedTo(ChronoUnit.SECONDS);
            refreshProblem = "could not renew the Azure token (" + cause(e) + "); the current one works until " + expires;
            return current.getToken();
        }
        current = null;
        throw otherwise;
    }

    /** The first line of an identity library message, shortened: those list every credential tried, at length. */
    private static String cause(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int nl = m.indexOf('\n');
        if (nl > 0) {
            m = m.substring(0, nl).strip();
        }
        return m.length() > CAUSE_CHARS ? m.substring(0, CAUSE_CHARS) + "…" : m;
    }
}
