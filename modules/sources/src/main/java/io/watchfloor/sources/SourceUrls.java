package io.watchfloor.sources;

import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.SourceConfig;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/** The url check every HTTP source makes: present, absolute http(s) with a host, no credentials in it. */
public final class SourceUrls {
    private SourceUrls() {
    }

    /**
     * Adds at most one problem about {@code config.url()} to {@code problems}.
     *
     * @param missing what to say when there is no url ("a prometheus source needs a url, e.g. ...")
     * @param notHttp what to say when it is not an absolute http or https URL with a host
     */
    public static void check(SourceConfig config, String missing, String notHttp, List<ConfigProblem> problems) {
        URI url = config.url();
        if (url == null) {
            problems.add(new ConfigProblem(config.position(), missing));
        } else if (!url.isAbsolute() || url.getHost() == null || !isHttp(url.getScheme())) {
            problems.add(new ConfigProblem(config.position(), notHttp));
        } else if (url.getRawUserInfo() != null) {
            problems.add(new ConfigProblem(config.position(), "put credentials under auth, not in the url"));
        }
    }

    private static boolean isHttp(String scheme) {
        String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        return s.equals("http") || s.equals("https");
    }
}
