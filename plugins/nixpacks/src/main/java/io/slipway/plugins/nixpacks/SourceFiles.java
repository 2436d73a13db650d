package io.slipway.plugins.nixpacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.slipway.plugin.api.build.PlanRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Read-only look at the top of a source folder for the providers' detection. */
final class SourceFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    SourceFiles(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    boolean has(String name) {
        Path p = root.resolve(name).normalize();
        return p.startsWith(root) && Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    boolean hasAny(String... names) {
        return Stream.of(names).anyMatch(this::has);
    }

    Optional<String> read(String name) {
        if (!has(name) || !Files.isRegularFile(root.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(root.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }

    /** The file parsed as JSON; a missing node when absent. */
    JsonNode json(String name) {
        Optional<String> text = read(name);
        if (text.isEmpty()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text.get());
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? j.getLocation().getLineNr() : 0;
            throw new PlanRejectedException(name + (line > 0 ? " line " + line : "") + " is not valid JSON: "
                    + firstLine(e.getMessage()), line > 0 ? Optional.of(line) : Optional.empty());
        }
    }

    /** Names of the regular files at the top ending with {@code suffix}, sorted. */
    List<String> topFilesEndingWith(String suffix) {
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }
}
