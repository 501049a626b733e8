package io.watchfloor.incidents.runbook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The runbooks a console knows: those shipped in the app ({@link #bundled()}), a team's own folder
 * ({@link #load(Path)}), or both ({@link #combined}). Immutable, so safe to share between threads.
 *
 * <p>Reading never throws: a file with a problem is left out and each problem is listed in {@link #problems()} as
 * "FILE:LINE: what is wrong; expected what", for check-config and the incidents screen to show. One broken team
 * file must not take the checklists of every incident away in the middle of an outage.
 */
public final class RunbookLibrary implements Runbooks {
    /** Where the runbooks shipped with the app are on the classpath (app/pom.xml copies assets/ there). */
    public static final String BUNDLED_FOLDER = "assets/runbooks/";
    /**
     * The list of bundled runbook files, one name a line ({@code #} comments allowed): a classpath folder cannot be
     * listed reliably from inside a jar.
     */
    public static final String INDEX = BUNDLED_FOLDER + "index.txt";

    private static final Comparator<Runbook> BY_ID = Comparator.comparing(Runbook::id);

    private final List<Runbook> all;
    private final List<Runbook> generic;
    private final List<Runbook> specific;
    private final List<String> problems;

    private RunbookLibrary(List<Runbook> runbooks, List<String> problems) {
        this.all = runbooks.stream().sorted(BY_ID).toList();
        this.generic = all.stream().filter(Runbook::generic).toList();
        this.specific = all.stream().filter(r -> !r.generic()).toList();
        this.problems = List.copyOf(problems);
    }

    /**
     * The runbook files (*.yaml, *.yml, *.md; not README.md, not hidden files) directly in {@code dir}, read in
     * file name order. A missing or unreadable folder is a problem, not an exception.
     */
    public static RunbookLibrary load(Path dir) {
        Objects.requireNonNull(dir, "dir");
        Collector collector = new Collector();
        if (!Files.isDirectory(dir)) {
            collector.problems.add(dir + ": is not a directory; expected a folder of runbook files (*.yaml, *.yml, "
                    + "*.md)");
            return collector.build();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> isRunbookFile(p.getFileName().toString()) && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            collector.problems.add(dir + ": cannot be listed (" + e.getMessage() + "); expected a readable folder");
            return collector.build();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                collector.problems.add(file + ":1: cannot be read (" + e.getMessage() + "); expected a readable file");
                continue;
            }
            collector.add(file.toString(), name, bytes);
        }
        return collector.build();
    }

    /** The runbooks shipped with the app, listed in {@link #INDEX} on this class's class path. */
    public static RunbookLibrary bundled() {
        return bundled(RunbookLibrary.class.getClassLoader());
    }

    /** The runbooks listed in {@link #INDEX} as resources of {@code loader}. */
    public static RunbookLibrary bundled(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        Collector collector = new Collector();
        byte[] index = resource(loader, INDEX);
        if (index == null) {
            collector.problems.add(INDEX + ": not found on the class path; expected the app to ship assets/runbooks "
                    + "with its index (see app/pom.xml)");
            return collector.build();
        }
        Map<String, Integer> listed = new TreeMap<>(); // read in name order, as load(dir) does
        String[] lines = new String(index, StandardCharsets.UTF_8).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String name = lines[i].strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            if (name.contains("/") || name.contains("\\") || !isRunbookFile(name)) {
                collector.problems.add(INDEX + ":" + (i + 1) + ": " + Ids.quote(name) + " is not a runbook file name; "
                        + "expected one file name a line, ending in .yaml, .yml or .md (not README.md)");
            } else if (listed.putIfAbsent(name, i + 1) != null) {
                collector.problems.add(INDEX + ":" + (i + 1) + ": " + Ids.quote(name) + " is listed twice (first at "
                        + "line " + listed.get(name) + "); expected each file once");
            }
        }
        for (Map.Entry<String, Integer> e : listed.entrySet()) {
            byte[] bytes = resource(loader, BUNDLED_FOLDER + e.getKey());
            if (bytes == null) {
                collector.problems.add(INDEX + ":" + e.getValue() + ": " + Ids.quote(e.getKey()) + " is listed but not "
                        + "on the class path; expected the file in assets/runbooks/ or its line removed");
            } else {
                collector.add(BUNDLED_FOLDER + e.getKey(), e.getKey(), bytes);
            }
        }
        return collector.build();
    }

    /**
     * A team's runbooks over the bundled ones: a team runbook replaces the bundled one with the same id (so a team
     * can rewrite, say, generic-postmortem), the others add to them. Problems of both are kept, the team's first.
     */
    public static RunbookLibrary combined(Runbooks team, Runbooks bundled) {
        Map<String, Runbook> byId = new LinkedHashMap<>();
        bundled.all().forEach(r -> byId.put(r.id(), r));
        team.all().forEach(r -> byId.put(r.id(), r));
        List<String> problems = new ArrayList<>(team.problems());
        problems.addAll(bundled.problems());
        return new RunbookLibrary(new ArrayList<>(byId.values()), problems);
    }

    /**
     * What a console uses for {@code incidents.runbooks}: the bundled runbooks, overridden and extended by the
     * team's folder when one is configured.
     *
     * @param teamDir the configured folder, or null for the bundled runbooks only
     */
    public static RunbookLibrary forConfig(Path teamDir) {
        return teamDir == null ? bundled() : combined(load(teamDir), bundled());
    }

    /** Runbooks made in code (tests, tools); no problems. */
    public static RunbookLibrary of(List<Runbook> runbooks) {
        Map<String, Runbook> byId = new HashMap<>();
        for (Runbook r : runbooks) {
            if (byId.putIfAbsent(r.id(), r) != null) {
                throw new IllegalArgumentException("duplicate runbook id " + Ids.quote(r.id()));
            }
        }
        return new RunbookLibrary(runbooks, List.of());
    }

    /** Whether a file in a runbook folder is read as a runbook: *.yaml, *.yml or *.md, but not README.md. */
    public static boolean isRunbookFile(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && !n.equals("readme.md")
                && (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".md"));
    }

    /** Generic runbooks by id, then the specific runbooks whose match applies to {@code labels}, by id. */
    @Override
    public List<Runbook> forAlert(Map<String, String> labels) {
        Objects.requireNonNull(labels, "labels");
        List<Runbook> out = new ArrayList<>(generic);
        specific.stream().filter(r -> r.matches(labels)).forEach(out::add);
        return List.copyOf(out);
    }

    @Override
    public List<Runbook> generic() {
        return generic;
    }

    @Override
    public List<String> problems() {
        return problems;
    }

    /** Every runbook, by id. */
    @Override
    public List<Runbook> all() {
        return all;
    }

    public Optional<Runbook> find(String id) {
        return all.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    private static byte[] resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads files one by one; the first file (in name order) with an id keeps it. */
    private static final class Collector {
        final List<String> problems = new ArrayList<>();
        final Map<String, Runbook> byId = new LinkedHashMap<>();

        void add(String label, String name, byte[] bytes) {
            FileProblems fileProblems = new FileProblems(label);
            Parsed parsed = parse(name, bytes, fileProblems);
            Runbook runbook = parsed.runbook();
            if (runbook != null) {
                Runbook first = byId.putIfAbsent(runbook.id(), runbook);
                if (first != null) {
                    fileProblems.add(parsed.idLine(), "duplicate runbook id " + Ids.quote(runbook.id()) + " (also in "
                            + first.file() + "); expected each runbook id once in a folder");
                }
            }
            problems.addAll(fileProblems.messages());
        }

        RunbookLibrary build() {
            return new RunbookLibrary(new ArrayList<>(byId.values()), problems);
        }
    }

    private static Parsed parse(String name, byte[] bytes, FileProblems problems) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(1, "is not UTF-8 text; expected a runbook saved as UTF-8");
            return new Parsed(null, 1);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark some editors write
        }
        int dot = name.lastIndexOf('.');
        String defaultId = name.substring(0, dot);
        return name.toLowerCase(Locale.ROOT).endsWith(".md")
                ? MarkdownRunbookFile.parse(text, problems, defaultId)
                : YamlRunbookFile.parse(text, problems, defaultId);
    }
}
