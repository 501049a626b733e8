package io.watchfloor.sources.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.watchfloor.config.Auth;
import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.EndpointConfig;
import io.watchfloor.config.SourceConfig;
import io.watchfloor.model.Source;
import io.watchfloor.sources.Options;
import io.watchfloor.sources.SourceContext;
import io.watchfloor.sources.SourceProvider;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code type: azure-monitor}: metrics of the azure-openai and azure-ml endpoints that name this source, from the
 * Azure Monitor metrics REST API with Entra ID tokens. Options {@code tenant} and {@code clientId} (user-assigned
 * managed identity); {@code url} is the Resource Manager base, https://management.azure.com unless given
 * (another cloud's, or a local test server). No {@code auth:}: tokens come from azure-identity's default chain
 * (environment service principal, workload identity, managed identity, az login, ...).
 * <p>
 * The interval is at least {@link #MIN_INTERVAL}: Azure Monitor's finest grain is one minute, so polling faster
 * reads the same minute again and spends the subscription's Resource Manager read budget for nothing.
 */
public final class AzureMonitorSourceProvider implements SourceProvider {
    static final HttpUrl DEFAULT_BASE = HttpUrl.get("https://management.azure.com/");
    static final Duration MIN_INTERVAL = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(AzureMonitorSourceProvider.class);

    private final Function<AzureOptions, TokenCredential> credentials;

    public AzureMonitorSourceProvider() {
        this(AzureMonitorSourceProvider::defaultCredential);
    }

    /** Tests pass a credential of their own instead of azure-identity's chain. */
    AzureMonitorSourceProvider(Function<AzureOptions, TokenCredential> credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public String type() {
        return AzureMonitorSource.TYPE;
    }

    /** ARM ids are checked here, where their shape is known, so a typo is reported with its line, not at poll time. */
    @Override
    public List<ConfigProblem> validateEndpoints(SourceConfig config, List<EndpointConfig> served) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (EndpointConfig e : served) {
            String problem = ResourceIds.problem(e.provider(), e.identity("resource"));
            if (problem != null) {
                problems.add(new ConfigProblem(e.position(), "endpoint '" + e.id() + "': " + problem));
            }
        }
        return problems;
    }

    @Override
    public List<ConfigProblem> validate(SourceConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        AzureOptions.parse(config, problems);
        URI url = config.url();
        if (url != null) {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                problems.add(new ConfigProblem(config.position(), "url must be the https:// base of Azure Resource"
                        + " Manager, e.g. https://management.azure.com (leave it out for the public cloud)"));
            } else if (scheme.equals("http") && !loopback(url.getHost())) {
                problems.add(new ConfigProblem(config.position(), "url must be https: every request carries an"
                        + " Azure access token (plain http is accepted only to localhost, for tests)"));
            } else if (url.getRawUserInfo() != null || url.getRawQuery() != null) {
                problems.add(new ConfigProblem(config.position(), "url must be a plain base such as"
                        + " https://management.azure.com, without user info or query"));
            }
        }
        if (!(config.auth() == null || config.auth() instanceof Auth.None)) {
            problems.add(new ConfigProblem(config.position(), "an azure-monitor source takes no auth: it signs in"
                    + " with azure-identity (az login, managed identity, AZURE_CLIENT_ID/AZURE_TENANT_ID/"
                    + "AZURE_CLIENT_SECRET); use tenant: and clientId: to choose"));
        }
        if (!config.headers().isEmpty()) {
            problems.add(new ConfigProblem(config.position(), "an azure-monitor source takes no headers"));
        }
        if (config.caFile() != null) {
            problems.add(new ConfigProblem(config.position(), "an azure-monitor source takes no caFile: Azure"
                    + " Resource Manager and Entra ID present publicly trusted certificates"));
        }
        return problems;
    }

    @Override
    public Source create(SourceConfig config, SourceContext context) {
        AzureOptions options = Options.parsed(config, AzureOptions::parse);
        HttpUrl base = config.url() == null ? DEFAULT_BASE : HttpUrl.get(config.url().toString());
        Duration interval = config.interval() == null || config.interval().compareTo(MIN_INTERVAL) < 0
                ? MIN_INTERVAL : config.interval();
        if (config.interval() != null && !interval.equals(config.interval())) {
            LOG.info("azure-monitor source '{}' polls every {} s, not {} s: Azure Monitor keeps one value per minute",
                    config.id(), interval.toSeconds(), config.interval().toSeconds());
        }
        Duration timeout = config.timeout() == null ? SourceConfig.DEFAULT_TIMEOUT : config.timeout();
        ArmTokens tokens = new ArmTokens(credentials.apply(options), scope(base), context.clock());
        return new AzureMonitorSource(config.id(), interval, new MonitorClient(base, timeout, context.clock()), tokens,
                context.endpointsOf(config.id()), context.clock());
    }

    /**
     * The token audience: the Resource Manager base + "/.default" (https://management.azure.com/.default, or a
     * sovereign cloud's); a local test server gets the public cloud's.
     */
    static String scope(HttpUrl base) {
        if (!base.isHttps()) {
            return DEFAULT_BASE.scheme() + "://" + DEFAULT_BASE.host() + "/.default";
        }
        return base.scheme() + "://" + base.host() + (base.port() == 443 ? "" : ":" + base.port()) + "/.default";
    }

    private static TokenCredential defaultCredential(AzureOptions options) {
        // azure-core's JDK HttpClient transport: the Netty one is excluded from the build
        DefaultAzureCredentialBuilder b = new DefaultAzureCredentialBuilder().httpClient(new JdkHttpClientBuilder().build());
        if (options.tenant() != null) {
            b.tenantId(options.tenant());
        }
        if (options.clientId() != null) {
            b.managedIdentityClientId(options.clientId());
        }
        return b.build();
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // only literal addresses: a name must not be resolved here (a DNS answer could point anywhere later)
            boolean literal = h.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (h.contains(":") && h.matches("[0-9a-fA-F:.]+"));
            return literal && InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
