package io.watchfloor.sources.prometheus;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.watchfloor.config.Auth;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Access tokens from Google application-default credentials: the file written by
 * {@code gcloud auth application-default login}, a key file named by GOOGLE_APPLICATION_CREDENTIALS, or the
 * metadata server of a Google Cloud VM. The credentials are looked up on the first fetch, not at construction
 * (the lookup may probe the metadata server), and again on every fetch until found, so logging in later works
 * without a restart.
 */
public final class GoogleTokenSupplier implements TokenSupplier {
    static final String HINT = "run gcloud auth application-default login or set GOOGLE_APPLICATION_CREDENTIALS";
    private static final int DETAIL_CHARS = 200;
    private static final Pattern OAUTH_ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([^\"]{1,100})\"");
    private static final Pattern OAUTH_DESCRIPTION = Pattern.compile("\"error_description\"\\s*:\\s*\"([^\"]{1,200})\"");

    /** Finds the credentials; tests load a key file pointing at a local token endpoint. */
    @FunctionalInterface
    interface CredentialsLoader {
        GoogleCredentials load() throws IOException;
    }

    private final List<String> scopes;
    private final CredentialsLoader loader;
    private GoogleCredentials credentials;

    /** @param scopes OAuth scopes; empty means cloud-platform, which Managed Service for Prometheus needs */
    public GoogleTokenSupplier(List<String> scopes) {
        this(scopes, GoogleCredentials::getApplicationDefault);
    }

    GoogleTokenSupplier(List<String> scopes, CredentialsLoader loader) {
        this.scopes = scopes == null || scopes.isEmpty() ? List.of(Auth.Google.CLOUD_PLATFORM) : List.copyOf(scopes);
        this.loader = loader;
    }

    @Override
    public synchronized BearerToken fetch() throws IOException {
        if (credentials == null) {
            GoogleCredentials found;
            try {
                found = loader.load();
            } catch (IOException e) {
                throw new IOException("no Google application-default credentials found (" + detail(e) + "): " + HINT, e);
            }
            // user credentials ignore scopes; service accounts and the metadata server need them
            credentials = found.createScoped(scopes);
        }
        AccessToken token;
        try {
            credentials.refresh();
            token = credentials.getAccessToken();
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot get a Google access token (" + detail(e) + "): " + HINT, e);
        }
        if (token == null || token.getTokenValue() == null) {
            throw new IOException("Google credentials gave no access token: " + HINT);
        }
        return new BearerToken(token.getTokenValue(),
                token.getExpirationTime() == null ? null : token.getExpirationTime().toInstant());
    }

    /**
     * The first line of the library's message, plus the OAuth error of the token endpoint's JSON answer that
     * follows it ("invalid_grant, Invalid JWT Signature."), which is what tells the operator what is wrong.
     */
    static String detail(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int nl = m.indexOf('\n');
        String first = nl > 0 ? m.substring(0, nl).strip() : m;
        Matcher error = OAUTH_ERROR.matcher(m);
        if (error.find()) {
            Matcher description = OAUTH_DESCRIPTION.matcher(m);
            first += ": " + error.group(1) + (description.find() ? ", " + description.group(1) : "");
        }
        return first.length() > DETAIL_CHARS ? first.substring(0, DETAIL_CHARS) + "…" : first;
    }
}
