package io.slipway.core.security;

import io.slipway.core.ConflictException;
import io.slipway.core.InvalidInputException;
import io.slipway.core.NotFoundException;
import io.slipway.core.projects.SqlTimes;
import io.slipway.core.security.internal.MemberStore;
import io.slipway.core.security.internal.PasswordHasher;
import io.slipway.core.security.internal.Secrets;
import io.slipway.core.security.internal.StoredUser;
import io.slipway.core.security.internal.TokenStore;
import io.slipway.core.security.internal.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Users, their API tokens and their project memberships. */
public final class UserService {
    static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,62}$");
    static final int MIN_PASSWORD = 10;
    private static final int MAX_PASSWORD = 1024;

    private final UserStore users;
    private final TokenStore tokens;
    private final MemberStore members;
    private final PasswordHasher hasher;
    private final Clock clock;

    public UserService(UserStore users, TokenStore tokens, MemberStore members, PasswordHasher hasher, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.members = Objects.requireNonNull(members, "members");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Creates a user; {@code password} empty makes an account that can only use API tokens. */
    public User create(String username, Optional<String> password, Role role) {
        Objects.requireNonNull(role, "role");
        String name = checkUsername(username);
        password.ifPresent(UserService::checkPassword);
        if (users.find(name).isPresent()) {
            throw new ConflictException("A user named '" + name + "' exists already: choose another name.");
        }
        long id = users.insert(name, password.map(hasher::hash), role, SqlTimes.now(clock));
        return users.find(id).orElseThrow().user();
    }

    public List<User> list() {
        return users.list().stream().map(StoredUser::user).toList();
    }

    public Optional<User> find(String username) {
        return users.find(username == null ? "" : username).map(StoredUser::user);
    }

    public User get(String username) {
        return find(username).orElseThrow(() -> new NotFoundException("user", username));
    }

    public long count() {
        return users.count();
    }

    /** Whether some user has a password, i.e. the setup page has done its job. */
    public boolean anyoneCanLogIn() {
        return users.countWithPassword() > 0;
    }

    public User setRole(String username, Role role) {
        User user = get(username);
        if (user.role() == Role.ADMIN && role != Role.ADMIN) {
            refuseLastAdmin(user);
        }
        users.setRole(user.id(), role);
        return get(username);
    }

    public void setPassword(String username, String password) {
        checkPassword(password);
        users.setPassword(get(username).id(), hasher.hash(password));
    }

    public void delete(String username) {
        User user = get(username);
        if (user.role() == Role.ADMIN) {
            refuseLastAdmin(user);
        }
        users.delete(user.id());
    }

    private void refuseLastAdmin(User user) {
        long admins = users.list().stream().filter(u -> u.user().role() == Role.ADMIN).count();
        if (admins <= 1) {
            throw new ConflictException("'" + user.username() + "' is the last administrator: make another user admin first.");
        }
    }

    /** A new random token for {@code user}; its value is in the result and nowhere else. */
    public NewApiToken createToken(User user, String name, TokenScope scope, Optional<Instant> expiresAt) {
        String secret = "slp_" + Secrets.randomToken();
        return new NewApiToken(insertToken(user, name, scope, expiresAt, secret), secret);
    }

    /** A token with a value the operator chose (SLIPWAY_ADMIN_TOKEN); at least 16 characters. */
    public ApiToken createTokenWithValue(User user, String name, TokenScope scope, String value) {
        if (value == null || value.strip().length() < 16) {
            throw InvalidInputException.field("SLIPWAY_ADMIN_TOKEN", "must be at least 16 characters; use a long random value");
        }
        return insertToken(user, name, scope, Optional.empty(), value.strip());
    }

    private ApiToken insertToken(User user, String name, TokenScope scope, Optional<Instant> expiresAt, String secret) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(scope, "scope");
        String given = name == null ? "" : name.strip();
        if (given.isEmpty() || given.length() > 63) {
            throw InvalidInputException.field("name", "is required, 1 to 63 characters");
        }
        Instant now = SqlTimes.now(clock);
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
            throw InvalidInputException.field("expiresAt", "must be in the future");
        }
        long id = tokens.insert(user.id(), given, Secrets.sha256(secret), scope, now,
                expiresAt.map(t -> t.truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
        return tokens.find(id).orElseThrow();
    }

    public List<ApiToken> tokens(User user) {
        return tokens.forUser(user.id());
    }

    /** Revokes one of {@code user}'s tokens; someone else's token is "not found". */
    public ApiToken revokeToken(User user, long tokenId) {
        ApiToken token = tokens.find(tokenId).filter(t -> t.userId() == user.id())
                .orElseThrow(() -> new NotFoundException("token", Long.toString(tokenId)));
        tokens.revoke(token.id(), SqlTimes.now(clock));
        return tokens.find(tokenId).orElseThrow();
    }

    public List<MemberStore.Member> members(String project) {
        return members.members(projectId(project));
    }

    /** Makes {@code username} a member or viewer of {@code project} (admins need no membership). */
    public void putMember(String project, String username, Role role) {
        if (role == Role.ADMIN) {
            throw InvalidInputException.field("role", "must be member or viewer: make the user an admin instead");
        }
        members.put(projectId(project), get(username).id(), role);
    }

    public void removeMember(String project, String username) {
        if (!members.remove(projectId(project), get(username).id())) {
            throw new NotFoundException("member", username);
        }
    }

    private long projectId(String project) {
        return members.projectByName(project == null ? "" : project)
                .orElseThrow(() -> new NotFoundException("project", project));
    }

    static String checkUsername(String username) {
        String name = username == null ? "" : username.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw InvalidInputException.field("username",
                    "must be 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw InvalidInputException.field("password", "must be at least " + MIN_PASSWORD + " characters");
        }
    }
}
