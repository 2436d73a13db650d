package io.slipway.core.uploads;

import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.build.BuildPlan;
import io.slipway.plugin.api.build.BuildPlanner;
import io.slipway.plugin.api.build.BuildRequest;
import io.slipway.plugin.api.build.Builder;
import io.slipway.plugin.api.build.PlanPhase;
import io.slipway.plugin.api.build.PlanRejectedException;
import io.slipway.plugin.api.build.PlanRequest;
import io.slipway.plugin.api.source.ArchiveReceiver;
import io.slipway.plugin.api.source.ArchiveRejectedException;
import io.slipway.plugin.api.source.ArchiveUpload;
import io.slipway.plugin.api.source.SourceProvider;
import io.slipway.plugin.api.source.SourceRequest;
import io.slipway.plugin.api.source.SourceRevision;
import io.slipway.plugin.api.source.StoredArchive;
import io.slipway.plugin.api.step.StepContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An upload source and a planning builder for the core's tests: the source takes any body starting
 * with "PK" (a zip's magic) and unpacks it as one file holding the bytes; the builder plans from
 * that file ("bad" in it makes a plan refused at line 2).
 */
final class ArchiveTestExtensions {
    static final String PLUGIN = "uploads-test";

    private ArchiveTestExtensions() {
    }

    static ArchiveSource register(ExtensionRegistry registry) {
        ArchiveSource source = new ArchiveSource();
        registry.put(PLUGIN, List.of(new RegisteredExtension(ExtensionPointId.SOURCE, PLUGIN, source),
                new RegisteredExtension(ExtensionPointId.BUILDER, PLUGIN, new PlanningBuilder())));
        return source;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class ArchiveSource implements SourceProvider, ArchiveReceiver {
        final Map<String, byte[]> stored = new ConcurrentHashMap<>();
        volatile Set<String> lastKeep = Set.of();
        private final Map<String, String> latest = new ConcurrentHashMap<>();

        @Override
        public String id() {
            return "test-archive";
        }

        @Override
        public String displayName() {
            return "Test archive";
        }

        @Override
        public StoredArchive receive(ArchiveUpload upload) {
            try {
                byte[] bytes = Files.readAllBytes(upload.file());
                if (bytes.length < 2 || bytes[0] != 'P' || bytes[1] != 'K') {
                    throw new ArchiveRejectedException("The upload is not an archive: send a .zip, .tar.gz or .tar file.");
                }
                String sha = sha256(bytes);
                stored.put(sha, bytes);
                latest.put(upload.appName(), sha);
                return new StoredArchive(sha, bytes.length, "zip", 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void prune(String appName, Set<String> keep) {
            lastKeep = keep;
            stored.keySet().retainAll(keep);
        }

        @Override
        public SourceRevision fetch(SourceRequest request, StepContext step) {
            String rev = request.ref().orElse(latest.get(step.appName()));
            byte[] bytes = rev == null ? null : stored.get(rev);
            if (bytes == null) {
                throw new io.slipway.plugin.api.StepFailedException("No archive " + rev + " stored: upload one.");
            }
            try {
                Files.write(request.targetDir().resolve("archive.bin"), bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new SourceRevision(rev, "Uploaded zip archive, " + bytes.length + " bytes", "", "upload");
        }
    }

    static final class PlanningBuilder implements Builder, BuildPlanner {
        @Override
        public String id() {
            return "test-planner";
        }

        @Override
        public String displayName() {
            return "Test planner";
        }

        @Override
        public boolean detect(Path sourceDir) {
            return true;
        }

        @Override
        public Artifact build(BuildRequest request, StepContext step) {
            return Artifact.of(request.imageTag());
        }

        @Override
        public BuildPlan plan(PlanRequest request) {
            try {
                String text = Files.readString(request.sourceDir().resolve("archive.bin"));
                if (text.contains("bad")) {
                    throw new PlanRejectedException("nixpacks.toml line 2: unknown provider 'cobol'", Optional.of(2));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new BuildPlan(List.of("node"), "node:20-slim", Map.of("NODE_ENV", "production"),
                    List.of(new PlanPhase("install", List.of(), List.of("npm ci"), List.of()),
                            new PlanPhase("build", List.of("install"), List.of("npm run build"), List.of("git"))),
                    Optional.of("node server.js"));
        }
    }
}
