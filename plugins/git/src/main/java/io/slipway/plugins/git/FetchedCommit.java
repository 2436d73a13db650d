package io.slipway.plugins.git;

import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A commit written into a folder, with what its submodules need: their commits (gitlinks) and
 * their URLs from {@code .gitmodules}, both by path.
 */
record FetchedCommit(RevCommit commit, Map<String, ObjectId> gitlinks, Map<String, String> submoduleUrls) {
    FetchedCommit {
        Objects.requireNonNull(commit, "commit");
        gitlinks = Map.copyOf(gitlinks);
        submoduleUrls = Map.copyOf(submoduleUrls);
    }
}
