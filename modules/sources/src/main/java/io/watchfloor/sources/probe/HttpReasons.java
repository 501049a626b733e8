package io.watchfloor.sources.probe;

import java.util.Map;

/**
 * Standard reason phrases (RFC 9110) for outcome texts. The server's own phrase is not used: HTTP/2 has none, and
 * many servers send odd ones, while an operator comparing two endpoints wants the same words for the same status.
 */
final class HttpReasons {
    private static final Map<Integer, String> PHRASES = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"),
            Map.entry(204, "No Content"), Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
            Map.entry(303, "See Other"), Map.entry(304, "Not Modified"), Map.entry(307, "Temporary Redirect"),
            Map.entry(308, "Permanent Redirect"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"), Map.entry(413, "Content Too Large"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(422, "Unprocessable Content"),
            Map.entry(424, "Failed Dependency"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    private HttpReasons() {
    }

    /** "503 Service Unavailable", or just "599" for a status without a standard phrase. */
    static String status(int code) {
        String phrase = PHRASES.get(code);
        return phrase == null ? String.valueOf(code) : code + " " + phrase;
    }
}
