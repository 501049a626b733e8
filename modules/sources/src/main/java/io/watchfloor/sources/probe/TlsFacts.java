package io.watchfloor.sources.probe;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Operator-readable facts about a server certificate: days left, names, and why it was refused. */
final class TlsFacts {
    private static final double MILLIS_PER_DAY = 86_400_000.0;
    private static final int MAX_NAMES = 3;

    private TlsFacts() {
    }

    /** Fractional days from now until the certificate's notAfter; negative once it has expired. */
    static double daysLeft(X509Certificate cert, Instant now) {
        return (cert.getNotAfter().getTime() - now.toEpochMilli()) / MILLIS_PER_DAY;
    }

    /** "2 d ago" / "5 h ago" style age, for an expired certificate. */
    static String ago(double daysLeft) {
        double days = -daysLeft;
        if (days >= 1) {
            return Math.round(Math.floor(days)) + " d ago";
        }
        long hours = Math.round(Math.floor(days * 24));
        return hours >= 1 ? hours + " h ago" : "just now";
    }

    /**
     * Why a handshake that the JDK refused failed, from the chain the server presented; null when the chain does
     * not explain it (the caller then falls back to the exception's words).
     */
    static String whyRefused(List<X509Certificate> chain, Instant now) {
        X509Certificate leaf = chain.get(0);
        double left = daysLeft(leaf, now);
        if (left < 0) {
            return "TLS: certificate expired " + ago(left);
        }
        if (leaf.getNotBefore().toInstant().isAfter(now)) {
            return "TLS: certificate not valid until " + leaf.getNotBefore().toInstant();
        }
        for (X509Certificate ca : chain.subList(1, chain.size())) {
            double caLeft = daysLeft(ca, now);
            if (caLeft < 0) {
                return "TLS: CA certificate " + commonName(ca) + " expired " + ago(caLeft);
            }
        }
        if (leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            return "TLS: self-signed certificate for " + names(leaf) + " is not trusted (set the probe's caFile)";
        }
        return "TLS: certificate issued by " + commonName(leaf.getIssuerX500Principal().getName())
                + " is not trusted (set the probe's caFile to its CA)";
    }

    /** "TLS: certificate for other.example does not match 127.0.0.1". */
    static String mismatch(X509Certificate leaf, String host) {
        return "TLS: certificate for " + names(leaf) + " does not match " + host;
    }

    /** The host names and addresses a certificate is for (its subject alternative names, else its CN). */
    static String names(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    Object type = san.get(0);
                    // 2 = dNSName, 7 = iPAddress (RFC 5280 GeneralName)
                    if ((Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) && san.size() > 1) {
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // fall back to the CN below
        }
        if (names.isEmpty()) {
            return commonName(cert);
        }
        if (names.size() > MAX_NAMES) {
            return String.join(", ", names.subList(0, MAX_NAMES)) + " (+" + (names.size() - MAX_NAMES) + " more)";
        }
        return String.join(", ", names);
    }

    private static String commonName(X509Certificate cert) {
        return commonName(cert.getSubjectX500Principal().getName());
    }

    /** The CN of a distinguished name, or the whole name when it has none. */
    static String commonName(String dn) {
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            // show it as it is
        }
        return dn;
    }
}
