package io.watchfloor.sources.probe;

import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * How far one probe call got, from OkHttp's events: an exception alone cannot say whether a timeout hit while
 * connecting (maybe our own network) or while waiting for the answer (the endpoint's fault), nor which host a
 * redirect had moved on to. One instance per call, attached as a request tag and handed out by
 * {@link #FACTORY}; OkHttp may call it from its connect threads, hence the volatile fields.
 */
final class CallPhases extends EventListener {
    enum Phase { START, DNS, CONNECT, TLS, EXCHANGE }

    /** Installed on the shared client: each call gets the CallPhases its request carries, or none. */
    static final EventListener.Factory FACTORY = call -> {
        CallPhases phases = call.request().tag(CallPhases.class);
        return phases != null ? phases : EventListener.NONE;
    };

    private volatile Phase phase = Phase.START;
    private volatile boolean connected;
    private volatile HttpUrl currentUrl;
    private volatile int followUps;

    CallPhases(HttpUrl url) {
        this.currentUrl = url;
    }

    Phase phase() {
        return phase;
    }

    /** Whether a TCP connection to the (current) host existed at some point: then packets flowed both ways. */
    boolean connected() {
        return connected;
    }

    /** The URL being fetched when the call ended: the original, or where redirects led. */
    HttpUrl currentUrl() {
        return currentUrl;
    }

    /** Redirects followed. */
    int followUps() {
        return followUps;
    }

    @Override
    public void dnsStart(Call call, String domainName) {
        phase = Phase.DNS;
    }

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
        if (phase != Phase.TLS) {
            phase = Phase.CONNECT;
        }
    }

    @Override
    public void secureConnectStart(Call call) {
        // TLS starts on an established TCP connection
        connected = true;
        phase = Phase.TLS;
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, okhttp3.Protocol protocol) {
        connected = true;
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
        connected = true;
        phase = Phase.EXCHANGE;
    }

    @Override
    public void followUpDecision(Call call, Response networkResponse, Request nextRequest) {
        if (nextRequest != null) {
            currentUrl = nextRequest.url();
            followUps++;
            phase = Phase.START;
        }
    }
}
