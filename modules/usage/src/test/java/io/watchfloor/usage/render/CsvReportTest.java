package io.watchfloor.usage.render;

import io.watchfloor.usage.UsageReport;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReportTest {

    @Test
    void parsesBackWithExactNumbersAndEmptyCellsForMissingValues() throws IOException {
        String csv = csv(SampleReports.monthly());
        List<Map<String, String>> rows = rows(csv);

        assertThat(rows).extracting(r -> r.get("endpoint_id")).containsExactly("chat-prod", "embed-eu", "batch",
                "TOTAL");
        Map<String, String> chat = rows.get(0);
        assertThat(chat.get("scope")).isEqualTo("acme");
        assertThat(chat.get("window_from")).isEqualTo("2026-11-01");
        assertThat(chat.get("window_to")).isEqualTo("2026-11-30");
        assertThat(chat.get("endpoint_name")).isEqualTo(SampleReports.CHAT_NAME);
        assertThat(chat.get("requests")).isEqualTo("1234567");
        assertThat(chat.get("tokens_in")).isEqualTo("98765432");
        assertThat(chat.get("errors")).isEqualTo("1234");
        assertThat(chat.get("error_pct")).isEqualTo("0.1");    // 1234 / 1234567 = 0.09995 %
        assertThat(chat.get("p50_ms")).isEqualTo("412");
        assertThat(chat.get("p95_ms")).isEqualTo("1870.5");
        assertThat(chat.get("avg_ms")).isEmpty();
        assertThat(chat.get("sla_target_pct")).isEqualTo("99.9");
        assertThat(chat.get("budget_used_minutes")).isEqualTo("30");
        assertThat(chat.get("covered_minutes")).isEqualTo("42480");
        assertThat(chat.get("gap_minutes")).isEqualTo("720");
        assertThat(chat.get("cost_USD")).isEqualTo("404.97");
        assertThat(chat.get("cost_EUR")).isEmpty();
        assertThat(chat.get("previous_requests")).isEqualTo("1100000");
        assertThat(chat.get("requests_change_pct")).isEqualTo("12.23");

        Map<String, String> embed = rows.get(1);
        assertThat(embed.get("endpoint_name")).isEqualTo(SampleReports.EMBED_NAME);
        assertThat(embed.get("requests")).isEqualTo("456789");
        assertThat(embed.get("budget_used_minutes")).isEqualTo("0");

        // no SLA, no previous period, no percentiles, no price: empty cells, never 0
        Map<String, String> batch = rows.get(2);
        assertThat(batch.get("endpoint_name")).isEqualTo("Batch Überprüfung");
        assertThat(batch.get("avg_ms")).isEqualTo("5300");
        for (String empty : List.of("p50_ms", "p95_ms", "uptime_pct", "sla_target_pct", "budget_minutes",
                "budget_used_minutes", "cost_USD", "cost_EUR", "previous_requests", "requests_change_pct")) {
            assertThat(batch.get(empty)).as(empty).isEmpty();
        }
        assertThat(batch.get("errors")).isEqualTo("0");

        Map<String, String> total = rows.get(3);
        assertThat(total.get("requests")).isEqualTo("1693701");
        assertThat(total.get("cost_USD")).isEqualTo("409.54");
        assertThat(total.get("cost_EUR")).isEqualTo("1980.00");
        assertThat(total.get("sla_target_pct")).isEqualTo("99.5");
    }

    @Test
    void quotesFieldsAndEndsLinesWithCrLf() throws IOException {
        String csv = csv(SampleReports.monthly());
        assertThat(csv).contains("\"Embeddings, EU \"\"fast\"\"\"");
        assertThat(csv.split("\r\n", -1)).hasSize(6);   // header, 4 rows, and the empty rest after the last CRLF
        assertThat(csv.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void aNameWithALineBreakSurvives() throws IOException {
        UsageReport r = SampleReports.named(SampleReports.monthly(), "Acme", "two\nlines, \"quoted\"");
        assertThat(rows(csv(r)).get(0).get("endpoint_name")).isEqualTo("two\nlines, \"quoted\"");
    }

    @Test
    void anEmptyReportIsTheHeaderAlone() throws IOException {
        List<List<String>> records = parse(csv(SampleReports.empty()));
        assertThat(records).hasSize(1);
        assertThat(records.get(0)).startsWith("scope", "window_from", "window_to", "endpoint_id")
                .endsWith("previous_requests", "requests_change_pct")
                .noneMatch(h -> h.startsWith("cost_"));
    }

    @Test
    void oneCostColumnPerCurrencyInCodeOrder() throws IOException {
        List<String> header = parse(csv(SampleReports.monthly())).get(0);
        assertThat(header).containsSubsequence("gap_minutes", "cost_EUR", "cost_USD", "previous_requests");
    }

    @Test
    void formatWireNames() {
        assertThat(ReportFormat.fromWireName("pdf")).isEqualTo(ReportFormat.PDF);
        assertThat(ReportFormat.fromWireName("HTML")).isEqualTo(ReportFormat.HTML);
        assertThat(ReportFormat.CSV.extension()).isEqualTo(".csv");
        assertThatThrownBy(() -> ReportFormat.fromWireName("docx"))
                .hasMessage("unknown report format \"docx\"; expected one of pdf, csv, html");
    }

    static String csv(UsageReport r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportRenderer.render(r, ReportFormat.CSV, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static List<Map<String, String>> rows(String csv) {
        List<List<String>> records = parse(csv);
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            assertThat(record).hasSameSizeAs(header);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), record.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** A strict RFC 4180 reader: records end with CRLF, quoted fields may hold commas, quotes ("") and breaks. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalStateException("unterminated quoted field");
                    }
                    char q = text.charAt(i);
                    if (q == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                    } else if (q == '"') {
                        i++;
                        break;
                    } else {
                        field.append(q);
                        i++;
                    }
                }
                continue;
            }
            if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else if (c == '"' || c == '\r' || c == '\n') {
                throw new IllegalStateException("bare " + (int) c + " at " + i);
            } else {
                field.append(c);
                i++;
            }
        }
        if (!field.isEmpty() || !record.isEmpty()) {
            throw new IllegalStateException("the last record does not end with CRLF");
        }
        return records;
    }
}
