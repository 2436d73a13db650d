package io.slipway.core.security;

import io.slipway.core.security.internal.MemberStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a caller may make a request. Admins may do everything; {@link AdminOnly}
 * resources are theirs alone; {@link OwnAccount} resources are open to every signed-in user.
 * Anything touching a project needs a membership there: viewer to read, member to change. What
 * touches no project is readable by everyone signed in; changing it needs an admin, except
 * creating projects and apps, and trying extension configs, which a member may do.
 */
public final class AccessPolicy {
    private final MemberStore members;

    /**
     * What a request is about.
     *
     * @param project the project it names, if it names one
     * @param memberMayCreate a change that touches no (existing) project yet, open to members
     */
    public record Target(boolean mutating, boolean adminOnly, boolean ownAccount, Optional<ProjectRef> project,
                         boolean memberMayCreate) {
        public Target {
            Objects.requireNonNull(project, "project");
        }
    }

    public AccessPolicy(MemberStore members) {
        this.members = Objects.requireNonNull(members, "members");
    }

    /** @throws AccessDeniedException with a message saying what role the request needs */
    public void check(Caller caller, Target target) {
        Role role = caller.role();
        if (target.mutating() && caller.cap() == Role.VIEWER) {
            throw new AccessDeniedException("This API token has the read scope: it cannot change anything. "
                    + "Use a token with the deploy or admin scope.");
        }
        if (target.adminOnly()) {
            if (role != Role.ADMIN) {
                throw new AccessDeniedException("Only an administrator may do this.");
            }
            return;
        }
        if (target.ownAccount() || role == Role.ADMIN) {
            return;
        }
        if (target.project().isPresent()) {
            Optional<Long> projectId = projectId(target.project().get());
            if (projectId.isPresent()) {
                Role need = target.mutating() ? Role.MEMBER : Role.VIEWER;
                // An admin is at home in every project; a token's scope still caps what they do there.
                Optional<Role> inProject = caller.user().role() == Role.ADMIN ? Optional.of(Role.ADMIN)
                        : members.role(projectId.get(), caller.user().id());
                boolean allowed = inProject.map(r -> r.cap(caller.cap()).atLeast(need)).orElse(false);
                if (!allowed) {
                    throw new AccessDeniedException(target.mutating()
                            ? "You need the member role in this project to change it; ask an administrator."
                            : "You are not a member of this project; ask an administrator.");
                }
                return;
            }
            // It names something that does not exist: reading answers 404; changing needs a member.
            if (!target.mutating() || role.atLeast(Role.MEMBER)) {
                return;
            }
            throw new AccessDeniedException("You need the member role to change this.");
        }
        if (!target.mutating()) {
            return;
        }
        if (target.memberMayCreate() && role.atLeast(Role.MEMBER)) {
            return;
        }
        throw new AccessDeniedException(target.memberMayCreate()
                ? "You need the member role to create this." : "Only an administrator may do this.");
    }

    public Optional<Long> projectId(ProjectRef ref) {
        return switch (ref.kind()) {
            case PROJECT -> members.projectByName(ref.value());
            case APP -> members.projectOfApp(ref.value());
            case DEPLOYMENT -> parseLong(ref.value()).flatMap(members::projectOfDeployment);
            case STACK -> parseLong(ref.value()).flatMap(members::projectOfStack);
        };
    }

    /** Which project names {@code caller} may see: every one for an admin (whatever the token's scope), their own for others. */
    public java.util.function.Predicate<String> visibility(Caller caller) {
        if (caller.user().role() == Role.ADMIN) {
            return name -> true;
        }
        return visibleProjects(caller)::contains;
    }

    /** The projects a non-admin may see (admins see all). */
    public java.util.Set<String> visibleProjects(Caller caller) {
        return members.projectNames(caller.user().id());
    }

    /** Makes the (non-admin) creator of a project its member. */
    public void creatorJoins(Caller caller, String projectName) {
        if (caller.user().role() != Role.ADMIN) {
            members.projectByName(projectName).ifPresent(id -> members.put(id, caller.user().id(), Role.MEMBER));
        }
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
