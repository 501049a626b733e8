package io.watchfloor.sources.cloudwatch;

import io.watchfloor.model.SourceException;
import io.watchfloor.model.SourceException.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the AWS SDK threw into a source failure an operator can act on: what happened, where, and what to
 * run. Messages never carry credentials: AWS's own text is kept only after access key ids are masked.
 */
final class AwsFailures {
    /** A credential that worked has run out: a login fixes it. */
    private static final Set<String> EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired");
    /** AWS does not know or accept the credential. */
    private static final Set<String> REJECTED = Set.of("UnrecognizedClientException", "InvalidClientTokenId",
            "InvalidAccessKeyId", "MissingAuthenticationToken", "IncompleteSignature", "SignatureDoesNotMatch",
            "InvalidSignatureException", "AuthFailure");
    /** The credential is fine but may not call GetMetricData. */
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "NotAuthorized",
            "UnauthorizedOperation");
    // AKIA... long-term and ASIA... temporary access key ids, and the other IAM unique-id prefixes
    private static final Pattern KEY_ID = Pattern.compile("\\b(AKIA|ASIA|AIDA|AROA|ANPA|AGPA)[A-Z0-9]{12,}\\b");
    private static final int MAX_AWS_TEXT = 300;
    private static final Pattern NO_PROFILE_CREDENTIALS =
            Pattern.compile("Profile file contained no credentials for profile '([^']*)'");

    private final String profile;

    /** @param profile the source's profile, named in advice; null when it uses the default chain */
    AwsFailures(String profile) {
        this.profile = profile;
    }

    /** Credentials could not be had at all (before any CloudWatch call). */
    SourceException credentials(SdkException e) {
        if (isSsoExpired(e)) {
            return new SourceException(Kind.AUTH_EXPIRED, "the AWS SSO session " + ofProfile()
                    + "has expired: run aws sso login" + profileArg(), e);
        }
        if (causedBy(e, UnknownHostException.class) || causedBy(e, ConnectException.class)) {
            return new SourceException(Kind.UNREACHABLE, "could not reach AWS to fetch credentials " + ofProfile()
                    + "(" + redact(rootMessage(e)) + "): check the network or proxy", e);
        }
        return new SourceException(Kind.AUTH, "no AWS credentials " + (profile == null ? "" : "for profile "
                + profile + " ") + "(" + credentialReason(e.getMessage()) + "): " + setUpAdvice(), e);
    }

    /**
     * The SDK's reason, short: its chain message lists every provider it tried and dumps the profile file's
     * structure; the profile provider's verdict is the one that tells the operator something.
     */
    private static String credentialReason(String message) {
        String m = message == null ? "" : message;
        Matcher noProfile = NO_PROFILE_CREDENTIALS.matcher(m);
        if (noProfile.find()) {
            return "the AWS config files have none for profile " + noProfile.group(1);
        }
        if (m.startsWith("Unable to load credentials from any of the providers in the chain")) {
            return "none in the environment, the AWS config files, a web identity, a container or an instance role";
        }
        return shorten(redact(m.replaceAll(":? ?ProfileFile\\(.*", "")));
    }

    /**
     * A GetMetricData call failed after the SDK's retries.
     *
     * @param where "CloudWatch in us-east-1", or naming the override URL
     */
    SourceException call(SdkException e, String where, Duration timeout) {
        if (e instanceof AwsServiceException s) {
            return service(s, where);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || causedBy(e, SocketTimeoutException.class) || causedBy(e, InterruptedIOException.class)) {
            return new SourceException(Kind.TIMEOUT, where + " did not answer within " + seconds(timeout), e);
        }
        if (e instanceof AbortedException || causedBy(e, InterruptedException.class)) {
            return new SourceException(Kind.TIMEOUT, "the call to " + where + " was interrupted", e);
        }
        if (isSsoExpired(e) || String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
            return credentials(e);
        }
        UnknownHostException dns = cause(e, UnknownHostException.class);
        if (dns != null) {
            return new SourceException(Kind.UNREACHABLE, "cannot resolve the host of " + where + " ("
                    + dns.getMessage() + "): check DNS and the network, or endpointUrl", e);
        }
        if (causedBy(e, ConnectException.class) || causedBy(e, NoRouteToHostException.class)) {
            return new SourceException(Kind.UNREACHABLE, "cannot connect to " + where + ": "
                    + redact(rootMessage(e)), e);
        }
        if (causedBy(e, SSLException.class)) {
            return new SourceException(Kind.UNREACHABLE, "TLS with " + where + " failed: " + redact(rootMessage(e)), e);
        }
        if (causedBy(e, IOException.class)) {
            return new SourceException(Kind.UNREACHABLE, where + " broke off: " + redact(rootMessage(e)), e);
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("unmarshall") || m.contains("Unmarshall") || m.contains("parse")) {
            // a proxy's HTML page, a cut body
            return new SourceException(Kind.MALFORMED, where + " sent an answer the AWS SDK could not read: "
                    + shorten(redact(m)), e);
        }
        // e.g. a region name the SDK's endpoint rules reject
        return new SourceException(Kind.QUERY, "the AWS SDK could not call " + where + ": " + shorten(redact(m)), e);
    }

    private SourceException service(AwsServiceException e, String where) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String said = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        String aws = said == null || said.isBlank() ? "" : " AWS said: " + shorten(redact(said));
        int status = e.statusCode();
        String what = "HTTP " + status + (code == null ? "" : " (" + code + ")");
        if (code != null && EXPIRED.contains(code)) {
            return new SourceException(Kind.AUTH_EXPIRED, "the AWS credentials " + ofProfile() + "have expired ("
                    + code + "): " + loginAdvice(), e);
        }
        if (code != null && DENIED.contains(code)) {
            return new SourceException(Kind.AUTH, "not allowed to read metrics from " + where + " (" + code
                    + "): grant cloudwatch:GetMetricData to the IAM identity"
                    + (profile == null ? "" : " of profile " + profile) + "." + aws, e);
        }
        if ((code != null && REJECTED.contains(code)) || status == 401 || status == 403) {
            return new SourceException(Kind.AUTH, "AWS does not accept the credentials " + ofProfile() + "(" + what
                    + "): check the keys or " + loginAdvice() + "." + aws, e);
        }
        String tries = attempts(e);
        if (e.isThrottlingException()) {
            return new SourceException(Kind.HTTP, where + " is throttling GetMetricData (" + what + ")" + tries
                    + ": poll less often or ask AWS for a higher GetMetricData quota." + aws, e);
        }
        if (status >= 500) {
            return new SourceException(Kind.HTTP, where + " failed with " + what + tries + "." + aws, e);
        }
        return new SourceException(Kind.QUERY, where + " rejected the request with " + what + "." + aws, e);
    }

    /** Masks AWS access key ids; secrets and session tokens never appear in AWS or SDK messages. */
    static String redact(String text) {
        return text == null ? "" : KEY_ID.matcher(text).replaceAll("***");
    }

    /**
     * An SSO login that has run out: the SSO provider's own exception, SSO refusing the cached token, the OIDC
     * refresh failing, or the SDK's text for these (when the default chain wrapped them into one message).
     */
    private static boolean isSsoExpired(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof software.amazon.awssdk.services.sso.auth.ExpiredTokenException
                    || t instanceof software.amazon.awssdk.services.sso.model.UnauthorizedException
                    || t instanceof software.amazon.awssdk.services.ssooidc.model.ExpiredTokenException
                    || t instanceof software.amazon.awssdk.services.ssooidc.model.InvalidGrantException) {
                return true;
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains("The SSO session associated with this profile has expired") || m.contains("Token is expired")
                    || m.contains("run aws sso login")) {
                return true;
            }
        }
        return false;
    }

    private String loginAdvice() {
        return profile != null ? "run aws sso login --profile " + profile + ", or refresh the keys of that profile"
                : "run aws sso login, or refresh the temporary keys in the environment";
    }

    private String setUpAdvice() {
        return profile != null ? "run aws sso login --profile " + profile + " (SSO) or aws configure --profile "
                + profile + " (keys), and check the profile in ~/.aws/config"
                : "set AWS_PROFILE or profile: on the source, run aws sso login or aws configure, "
                + "or run where an IAM role is attached";
    }

    private String ofProfile() {
        return profile == null ? "" : "of profile " + profile + " ";
    }

    private String profileArg() {
        return profile == null ? "" : " --profile " + profile;
    }

    private static String attempts(SdkException e) {
        Integer n = e.numAttempts();
        return n != null && n > 1 ? " after " + n + " attempts" : "";
    }

    /** "5s", or "800ms" when not whole seconds. */
    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= MAX_AWS_TEXT ? one : one.substring(0, MAX_AWS_TEXT) + "...";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return cause(e, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
