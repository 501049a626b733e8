package io.watchfloor.usage.render;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The file formats a report can be written in. */
public enum ReportFormat {
    PDF("pdf", "application/pdf"),
    CSV("csv", "text/csv"),
    HTML("html", "text/html");

    private final String wireName;
    private final String mediaType;

    ReportFormat(String wireName, String mediaType) {
        this.wireName = wireName;
        this.mediaType = mediaType;
    }

    /** The name on the command line and in file names: "pdf", "csv", "html". */
    public String wireName() {
        return wireName;
    }

    /** The file extension with its dot, ".pdf". */
    public String extension() {
        return "." + wireName;
    }

    public String mediaType() {
        return mediaType;
    }

    public static ReportFormat fromWireName(String name) {
        for (ReportFormat f : values()) {
            if (f.wireName.equalsIgnoreCase(name == null ? "" : name.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown report format \"" + name + "\"; expected one of "
                + Arrays.stream(values()).map(ReportFormat::wireName).collect(Collectors.joining(", ")));
    }
}
