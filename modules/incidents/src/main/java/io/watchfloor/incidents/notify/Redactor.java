package io.watchfloor.incidents.notify;

import io.watchfloor.config.NotificationConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Takes a channel's credentials out of any text before it reaches a log line or a screen: the webhook URL (for
 * Slack and Teams the URL is the credential, above all its path and query) and PagerDuty's routing key. Servers
 * and libraries sometimes echo what they were sent; this is the last line of defence, not the only one.
 */
final class Redactor {
    static final String HIDDEN = "***";
    /** Shorter fragments would hide ordinary words; real webhook paths and keys are far longer. */
    private static final int MIN_SECRET = 8;

    private final List<String> secrets = new ArrayList<>();

    Redactor(NotificationConfig channel) {
        URI url = channel.url();
        if (url != null && channel.secretUrl()) {
            add(url.toString());
            add(url.getRawPath());
            add(url.getPath());
            add(url.getRawQuery());
            add(url.getQuery());
            if (url.getRawPath() != null) {
                for (String segment : url.getRawPath().split("/")) {
                    add(segment);
                }
            }
        }
        if (channel.routingKey() != null) {
            add(channel.routingKey().value());
        }
        // longest first, so that a URL is hidden whole rather than around its hidden path
        secrets.sort(Comparator.comparingInt(String::length).reversed());
    }

    private void add(String s) {
        if (s != null && s.length() >= MIN_SECRET && !secrets.contains(s)) {
            secrets.add(s);
        }
    }

    String clean(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, HIDDEN);
        }
        return out;
    }
}
