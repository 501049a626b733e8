package io.watchfloor.sources.azure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;

/**
 * The shared real-world answers (../shared/fixtures/azure-monitor, through the {@code watchfloor.shared.dir}
 * system property that surefire sets) and this package's documented-format bodies (test resources, see
 * src/test/resources/azure/README.md).
 */
final class AzureFixtures {
    static final String SUBSCRIPTION = "0f5a3c8e-52d1-4c3e-9a7b-6e2f1d0c4b19";
    static final String AOAI_ACCOUNT = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-llm-prod/providers/Microsoft.CognitiveServices/accounts/aoai-prod-eus2";
    static final String ML_ENDPOINT = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-llm-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw-prod"
            + "/onlineEndpoints/llama-ep";

    private AzureFixtures() {
    }

    /** A file of shared/fixtures/azure-monitor. */
    static String shared(String file) {
        String dir = System.getProperty("watchfloor.shared.dir");
        if (dir == null) {
            throw new IllegalStateException("system property watchfloor.shared.dir is not set (surefire sets it)");
        }
        Path p = Path.of(dir, "fixtures", "azure-monitor", file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing fixture " + p);
        }
        return read(p);
    }

    /** A test resource of this package (src/test/resources/azure). */
    static String resource(String name) {
        try {
            return read(Path.of(AzureFixtures.class.getResource("/azure/" + name).toURI()));
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource /azure/" + name, e);
        }
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8")
                .body(body).build();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
