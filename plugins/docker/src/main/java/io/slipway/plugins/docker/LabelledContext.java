package io.slipway.plugins.docker;

import com.github.dockerjava.core.dockerfile.Dockerfile;
import io.slipway.plugin.api.StepFailedException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A build context (a tar) whose Dockerfile is a copy of the source's with ONE {@code LABEL}
 * instruction appended. The engine's legacy builder turns each {@code labels} build parameter
 * into a step of its own (a container created and committed each, ~50 ms apiece); one
 * instruction is one step. The copy travels as {@value #DOCKERFILE}, and the context's
 * {@code .dockerignore} names it, so the engine drops it from the context: {@code COPY . .}
 * sees exactly the source (plus a {@code .dockerignore} line when the source has its own one).
 *
 * <pre>{@code
 * Path tar = LabelledContext.write(inputs, Map.of("slipway.app", "web"), workDir);
 * cmd.withTarInputStream(Files.newInputStream(tar)).withDockerfilePath(LabelledContext.DOCKERFILE);
 * }</pre>
 */
final class LabelledContext {
    static final String DOCKERFILE = ".slipway.Dockerfile";
    private static final String IGNORE = ".dockerignore";
    private static final Pattern ESCAPE_DIRECTIVE = Pattern.compile("(?i)^#\\s*escape\\s*=\\s*(\\S)\\s*$");

    private LabelledContext() {
    }

    /** Writes the context tar to a new file in {@code dir}; the caller deletes it. */
    static Path write(BuildInputs inputs, Map<String, String> labels, Path dir) {
        try {
            Path tar = Files.createTempFile(dir, "slipway-context-", ".tar");
            String source = Files.readString(inputs.dockerfile(), StandardCharsets.UTF_8);
            byte[] dockerfile = withLabels(source, labels).getBytes(StandardCharsets.UTF_8);
            Path ignoreFile = inputs.context().resolve(IGNORE);
            boolean ownIgnore = Files.isRegularFile(ignoreFile);
            // Without one of its own, the added file ignores itself too: the context is the source's.
            String ignore = (ownIgnore ? Files.readString(ignoreFile, StandardCharsets.UTF_8) + "\n" : IGNORE + "\n")
                    + DOCKERFILE + "\n";
            try (InputStream scanned = new Dockerfile(inputs.dockerfile().toFile(), inputs.context().toFile()).parse()
                    .buildDockerFolderTar();
                 TarArchiveInputStream in = new TarArchiveInputStream(unzipped(scanned));
                 OutputStream file = Files.newOutputStream(tar);
                 TarArchiveOutputStream out = new TarArchiveOutputStream(file)) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    String name = e.getName();
                    if (name.equals(IGNORE) || name.equals(DOCKERFILE)) {
                        continue; // written below
                    }
                    out.putArchiveEntry(e);
                    if (!e.isDirectory()) {
                        in.transferTo(out);
                    }
                    out.closeArchiveEntry();
                }
                add(out, DOCKERFILE, dockerfile);
                add(out, IGNORE, ignore.getBytes(StandardCharsets.UTF_8));
            }
            return tar;
        } catch (IOException | RuntimeException e) {
            throw new StepFailedException("Could not pack the build context " + inputs.context() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The Dockerfile text with one LABEL instruction (keys sorted) appended; values are quoted. */
    static String withLabels(String dockerfile, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return dockerfile;
        }
        char escape = escapeCharacter(dockerfile);
        StringBuilder line = new StringBuilder(dockerfile);
        if (!dockerfile.isEmpty() && !dockerfile.endsWith("\n")) {
            line.append('\n');
        }
        line.append("LABEL");
        new TreeMap<>(labels).forEach((k, v) -> line.append(' ').append(quote(k, escape)).append('=')
                .append(quote(v, escape)));
        return line.append('\n').toString();
    }

    /** The {@code # escape=} parser directive, which may only open the file; {@code \} otherwise. */
    static char escapeCharacter(String dockerfile) {
        for (String line : dockerfile.lines().toList()) {
            String t = line.strip();
            Matcher m = ESCAPE_DIRECTIVE.matcher(t);
            if (m.matches()) {
                return m.group(1).charAt(0);
            }
            if (!t.startsWith("#") || t.isEmpty()) {
                break; // directives end at the first blank line, comment without '=' or instruction
            }
        }
        return '\\';
    }

    private static String quote(String text, char escape) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '$' || c == escape) {
                q.append(escape).append(c); // '$' would otherwise be expanded as a build variable
            } else if (Character.isISOControl(c)) {
                q.append(' '); // a line break would end the instruction
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }

    /** docker-java gzips the context it scans; read it either way. */
    private static InputStream unzipped(InputStream tar) throws IOException {
        BufferedInputStream in = new BufferedInputStream(tar);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GzipCompressorInputStream(in) : in;
    }

    private static void add(TarArchiveOutputStream out, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0100644);
        out.putArchiveEntry(entry);
        out.write(content);
        out.closeArchiveEntry();
    }
}
