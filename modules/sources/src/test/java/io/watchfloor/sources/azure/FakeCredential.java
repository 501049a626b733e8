package io.watchfloor.sources.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * A {@link TokenCredential} that hands out "tok-1", "tok-2", ... each valid for {@code lifetime} from the test clock,
 * unless a failure was queued for the next request. Records the scopes asked for.
 */
final class FakeCredential implements TokenCredential {
    private final Clock clock;
    private final Duration lifetime;
    private final Deque<Supplier<RuntimeException>> failures = new ArrayDeque<>();
    private final List<List<String>> requests = new ArrayList<>();
    private int issued;

    FakeCredential(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** The next token request fails with this. */
    synchronized FakeCredential failNext(Supplier<RuntimeException> failure) {
        failures.add(failure);
        return this;
    }

    synchronized int requests() {
        return requests.size();
    }

    synchronized List<String> lastScopes() {
        return requests.getLast();
    }

    @Override
    public synchronized AccessToken getTokenSync(TokenRequestContext request) {
        requests.add(List.copyOf(request.getScopes()));
        if (!failures.isEmpty()) {
            throw failures.poll().get();
        }
        issued++;
        return new AccessToken("tok-" + issued, clock.instant().plus(lifetime).atOffset(ZoneOffset.UTC));
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.fromCallable(() -> getTokenSync(request));
    }
}
