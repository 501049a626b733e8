package io.watchfloor.access.jit;

/**
 * The certificate key id {@code user/reason/request-id}. sshd logs it on every login, so it is what ties a login on
 * the host back to a request in the audit log. Slashes in the parts would make it ambiguous and control characters
 * would forge log lines: both become '_'. The reason is cut to 60 characters.
 */
final class KeyIds {
    static final int MAX_REASON = 60;

    private KeyIds() {
    }

    static String of(String user, String reason, String requestId) {
        return clean(user, 64) + "/" + clean(reason, MAX_REASON) + "/" + clean(requestId, 64);
    }

    static String clean(String part, int max) {
        String s = part == null ? "" : part.strip();
        StringBuilder out = new StringBuilder(Math.min(s.length(), max));
        s.codePoints().limit(max).forEach(cp -> {
            if (cp == '/' || Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
                out.append('_');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString().strip();
    }
}
