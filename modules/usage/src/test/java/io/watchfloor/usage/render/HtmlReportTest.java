package io.watchfloor.usage.render;

import io.watchfloor.usage.UsageReport;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    @Test
    void namesFromConfigurationAreEscaped() throws IOException {
        UsageReport r = SampleReports.named(SampleReports.monthly(), "Acme <script>alert(1)</script>",
                "ep \"<img src=x onerror=alert(2)>\" & co");
        String html = html(r);
        assertThat(html).doesNotContain("<script>", "<img src=x")
                .contains("Acme &lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("ep &quot;&lt;img src=x onerror=alert(2)&gt;&quot; &amp; co");
    }

    @Test
    void oneSelfContainedFileWithTheSameSectionsAsThePdf() throws IOException {
        String html = html(SampleReports.monthly());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "Monthly review", "Acme Corp",
                "November 2026", "1,234,567", "USD 409.54", SampleReports.INCIDENT_1, "Optimisation hints",
                "Chat – production", "Embeddings, EU &quot;fast&quot;");
        SampleReports.hints().forEach(h -> assertThat(html).contains(HtmlReport.esc(h.text())));
        // nothing is fetched from elsewhere: no external stylesheets, scripts or images
        assertThat(html).doesNotContain("<link", "<script", "src=\"http");
        Matcher png = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int charts = 0;
        while (png.find()) {
            var image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png.group(1))));
            assertThat(image.getWidth()).isGreaterThan(500);
            charts++;
        }
        assertThat(charts).isEqualTo(3);
    }

    @Test
    void anEmptyReportSaysNoData() throws IOException {
        assertThat(html(SampleReports.empty())).contains("No data for Acme Corp in November 2026")
                .doesNotContain("data:image/png");
    }

    private static String html(UsageReport r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportRenderer.render(r, ReportFormat.HTML, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
