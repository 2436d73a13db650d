package io.slipway.core.rules;

import io.slipway.core.InvalidInputException;
import io.slipway.core.projects.DnsLabel;
import io.slipway.core.router.RouteHosts;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugin.api.source.TriggerEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Reads, replaces and tries out an app's deployment rules. */
public final class RuleService {
    static final int MAX_RULES = 50;
    static final int MAX_PATHS = 20;
    private static final String PLACEHOLDER_COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private final RuleStore store;
    private final SourceApps apps;
    private final RouteHosts hosts;
    private final Clock clock;
    private final java.util.Map<String, RuleStore.Stored> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param changes moved on by every change of rules (see {@link io.slipway.core.apps.AppChanges}) */
    public RuleService(org.jdbi.v3.core.Jdbi jdbi, SourceApps apps, RouteHosts hosts, Clock clock,
                       io.slipway.core.apps.AppChanges changes) {
        this.store = new RuleStore(jdbi, changes);
        this.apps = Objects.requireNonNull(apps, "apps");
        this.hosts = Objects.requireNonNull(hosts, "hosts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws io.slipway.core.NotFoundException when there is no such app */
    public DeploymentRules get(String app) {
        return rulesOf(apps.require(app));
    }

    /** The app's own rules, else the defaults (its source branch to production). */
    public DeploymentRules rulesOf(SourceApp app) {
        return store.find(app.id()).orElseGet(() -> DeploymentRules.defaults(app.branch()));
    }

    /**
     * An app's rules from the columns of {@code app_deploy_rules} read elsewhere (the webhook
     * intake reads them in the same query as the app); the defaults when the app has no row.
     */
    public DeploymentRules rulesOf(SourceApp app, Optional<String> rulesJson, boolean previews) {
        if (rulesJson.isEmpty()) {
            return DeploymentRules.defaults(app.branch());
        }
        RuleStore.Stored stored = parsed.get(rulesJson.get());
        if (stored == null) {
            stored = RuleStore.read(rulesJson.get());
            if (parsed.size() >= 4096) {
                parsed.clear();
            }
            parsed.put(rulesJson.get(), stored);
        }
        return stored.with(previews);
    }

    /**
     * Replaces the app's rules.
     *
     * @throws InvalidInputException naming each bad field ({@code rules[1].environment})
     */
    public DeploymentRules put(String app, RulesBody body) {
        SourceApp a = apps.require(app);
        DeploymentRules rules = validate(body);
        store.save(a.id(), rules, clock.instant());
        return rules;
    }

    /** Forgets the app's rules: the defaults apply again. */
    public DeploymentRules reset(String app) {
        SourceApp a = apps.require(app);
        store.delete(a.id());
        return DeploymentRules.defaults(a.branch());
    }

    public DryRun dryRun(String app, DryRunBody body) {
        SourceApp a = apps.require(app);
        if (body == null) {
            throw InvalidInputException.field("event", "send an event to try, e.g. {\"event\": \"push\", \"ref\": \"main\"}");
        }
        RuleDecision d = RuleMatcher.decide(rulesOf(a), event(body));
        return new DryRun(!d.isNothing(), d.reason(), d.deployments().stream().map(p -> new DryRun.Would(
                p.environment(), p.ref(), p.rule(), p.preview(), hosts.hostOf(a.name(), p.environment()))).toList(),
                d.removePreview());
    }

    static TriggerEvent event(DryRunBody body) {
        String name = Optional.ofNullable(body.event()).orElse("push").toUpperCase(Locale.ROOT);
        TriggerEvent.Kind kind;
        try {
            kind = TriggerEvent.Kind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field("event", "must be push, tag, pull_request_opened, pull_request_updated "
                    + "or pull_request_closed");
        }
        boolean pr = kind.name().startsWith("PULL_REQUEST");
        Integer number = body.pullRequest();
        if (pr && (number == null || number <= 0)) {
            throw InvalidInputException.field("pullRequest", "a pull request event needs its number (a positive integer)");
        }
        String ref = Optional.ofNullable(body.ref()).map(String::strip).orElse("");
        if (!pr && ref.isEmpty()) {
            throw InvalidInputException.field("ref", "name the branch or tag that was pushed");
        }
        if (ref.length() > 255) {
            throw InvalidInputException.field("ref", "must be at most 255 characters");
        }
        if (!ref.isEmpty() && !ref.startsWith("refs/")) {
            ref = (kind == TriggerEvent.Kind.TAG ? RuleMatcher.TAGS : RuleMatcher.HEADS) + ref;
        }
        String commit = Optional.ofNullable(body.commit()).filter(c -> !c.isBlank()).orElse(PLACEHOLDER_COMMIT);
        if (!RuleMatcher.isCommit(commit)) {
            throw InvalidInputException.field("commit", "must be a commit id (7 to 64 hexadecimal digits)");
        }
        List<String> paths = Optional.ofNullable(body.changedPaths()).orElse(List.of());
        if (paths.stream().anyMatch(Objects::isNull)) {
            throw InvalidInputException.field("changedPaths", "must be a list of file paths");
        }
        return new TriggerEvent(kind, "dry-run", ref, commit, pr ? Optional.of(number) : Optional.empty(), "dry-run",
                "dry-run", paths, false);
    }

    static DeploymentRules validate(RulesBody body) {
        if (body == null) {
            throw InvalidInputException.field("rules", "send {\"rules\": [...], \"previews\": true|false}");
        }
        List<FieldError> errors = new ArrayList<>();
        List<RulesBody.RuleBody> given = Optional.ofNullable(body.rules()).orElse(List.of());
        if (given.size() > MAX_RULES) {
            errors.add(new FieldError("rules", "at most " + MAX_RULES + " rules"));
        }
        List<DeploymentRule> rules = new ArrayList<>();
        for (int i = 0; i < given.size() && i < MAX_RULES; i++) {
            String at = "rules[" + i + "]";
            RulesBody.RuleBody r = given.get(i);
            if (r == null) {
                errors.add(new FieldError(at, "must be a rule object"));
                continue;
            }
            Optional<String> branch = Optional.ofNullable(r.branch()).map(String::strip).filter(s -> !s.isEmpty());
            Optional<String> tag = Optional.ofNullable(r.tag()).map(String::strip).filter(s -> !s.isEmpty());
            int before = errors.size();
            if (branch.isPresent() == tag.isPresent()) {
                errors.add(new FieldError(at + ".branch", "give either a branch or a tag pattern"));
            }
            branch.flatMap(b -> globProblem(b)).ifPresent(p -> errors.add(new FieldError(at + ".branch", p)));
            tag.flatMap(t -> globProblem(t)).ifPresent(p -> errors.add(new FieldError(at + ".tag", p)));
            String env = Optional.ofNullable(r.environment()).map(String::strip).orElse("");
            DnsLabel.check(at + ".environment", env).ifPresent(errors::add);
            List<String> paths = Optional.ofNullable(r.paths()).orElse(List.of());
            if (paths.size() > MAX_PATHS) {
                errors.add(new FieldError(at + ".paths", "at most " + MAX_PATHS + " path filters"));
            }
            for (String p : paths) {
                if (p == null || p.isBlank()) {
                    errors.add(new FieldError(at + ".paths", "path filters must not be empty"));
                } else {
                    globProblem(p).ifPresent(problem -> errors.add(new FieldError(at + ".paths", problem)));
                }
            }
            if (errors.size() == before) {
                rules.add(new DeploymentRule(branch, tag, env, paths.stream().map(String::strip).toList()));
            }
        }
        int maxLive = Optional.ofNullable(body.maxPreviews()).orElse(PreviewLimits.DEFAULT.maxLive());
        int ttl = Optional.ofNullable(body.previewTtlDays()).orElse(PreviewLimits.DEFAULT.ttlDays());
        if (maxLive < 1 || maxLive > PreviewLimits.MAX_LIVE) {
            errors.add(new FieldError("maxPreviews", "must be 1 to " + PreviewLimits.MAX_LIVE));
        }
        if (ttl < 1 || ttl > PreviewLimits.MAX_TTL_DAYS) {
            errors.add(new FieldError("previewTtlDays", "must be 1 to " + PreviewLimits.MAX_TTL_DAYS + " days"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new DeploymentRules(rules, Boolean.TRUE.equals(body.previews()), true, new PreviewLimits(maxLive, ttl));
    }

    private static Optional<String> globProblem(String glob) {
        if (glob.length() > 255) {
            return Optional.of("must be at most 255 characters");
        }
        if (glob.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("must not contain control characters");
        }
        return Optional.empty();
    }
}
