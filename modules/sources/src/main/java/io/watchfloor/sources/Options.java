package io.watchfloor.sources;

import io.watchfloor.config.ConfigProblem;
import io.watchfloor.config.SourceConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** Checks shared by source providers whose sources need no URL (they simulate or read this machine). */
public final class Options {
    private Options() {
    }

    /** Problems of an entry: a url where none belongs (why: what the source does instead), then its options. */
    public static List<ConfigProblem> validateWithoutUrl(SourceConfig config, String why,
                                                         BiFunction<SourceConfig, List<ConfigProblem>, ?> parse) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.url() != null) {
            problems.add(new ConfigProblem(config.position(), "a " + config.type() + " source takes no url: " + why));
        }
        parse.apply(config, problems);
        return problems;
    }

    /** The parsed options of an entry that validated cleanly; a problem here is a programming error. */
    public static <O> O parsed(SourceConfig config, BiFunction<SourceConfig, List<ConfigProblem>, O> parse) {
        List<ConfigProblem> problems = new ArrayList<>();
        O options = parse.apply(config, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(config.type() + " source '" + config.id() + "' is not valid: "
                    + problems.getFirst().message());
        }
        return options;
    }
}
