package io.watchfloor.config;

/** How a source authenticates over HTTP. */
public sealed interface Auth {
    record None() implements Auth {
    }

    record Bearer(Secret token) implements Auth {
    }

    record Basic(String user, Secret password) implements Auth {
    }

    /**
     * Google application-default credentials (gcloud auth application-default login, a service account key named by
     * GOOGLE_APPLICATION_CREDENTIALS, or the metadata server), for Google Managed Prometheus.
     */
    record Google(java.util.List<String> scopes) implements Auth {
        public static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";
    }

    Auth NONE = new None();
}
