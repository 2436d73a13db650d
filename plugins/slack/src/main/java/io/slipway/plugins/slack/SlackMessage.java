package io.slipway.plugins.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipway.plugin.api.notify.DeploymentDetails;
import io.slipway.plugin.api.notify.DeploymentEvent;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Builds the Block Kit message for a deployment event: a fallback {@code text} (with mentions)
 * and one attachment whose colour is the status, holding a header, the facts (app, environment,
 * status, revision, author, trigger, duration), on failure the failing phase and the last log
 * lines, and a button to the deployment's page. Pure: no I/O.
 */
final class SlackMessage {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOG_CHARS = 2500; // a section's text may hold 3000

    private SlackMessage() {
    }

    static ObjectNode of(DeploymentEvent e, SlackSettings settings) {
        Status status = Status.of(e);
        ObjectNode message = JSON.createObjectNode();
        String summary = status.emoji + " " + headline(e, status);
        message.put("text", mention(e, settings).map(m -> m + " ").orElse("") + summary);
        ArrayNode attachments = message.putArray("attachments");
        ObjectNode attachment = attachments.addObject();
        attachment.put("color", status.color);
        ArrayNode blocks = attachment.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", summary).put("emoji", true);
        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        field(fields, "App", escape(e.app()));
        field(fields, "Environment", escape(e.environment()));
        field(fields, "Status", status.emoji + " " + status.label
                + (status == Status.RUNNING ? " (" + words(e.phase()) + ")" : ""));
        field(fields, "Revision", revision(e));
        e.details().author().ifPresent(a -> field(fields, "Author", escape(a)));
        field(fields, "Trigger", escape(e.trigger()));
        duration(e).ifPresent(d -> field(fields, "Duration", d));
        if (e.phase() == DeploymentPhase.FAILED) {
            String where = e.details().failedPhase().map(p -> " in " + words(p)).orElse("");
            section(blocks, "*Failed" + where + ":* " + escape(e.error().orElse("no reason was given")));
            List<String> tail = e.details().logTail();
            if (!tail.isEmpty()) {
                String log = String.join("\n", tail);
                if (log.length() > LOG_CHARS) {
                    log = "…" + log.substring(log.length() - LOG_CHARS);
                }
                section(blocks, "*Last log lines:*\n```" + escape(log.replace("```", "'''")) + "```");
            }
        }
        if (!e.isTest()) {
            ObjectNode actions = blocks.addObject().put("type", "actions");
            ObjectNode button = actions.putArray("elements").addObject().put("type", "button")
                    .put("url", e.deploymentUrl()).put("action_id", "open-deployment");
            button.putObject("text").put("type", "plain_text").put("text", "View deployment");
        }
        mention(e, settings).ifPresent(m -> blocks.addObject().put("type", "context").putArray("elements")
                .addObject().put("type", "mrkdwn").put("text", m));
        return message;
    }

    private static String headline(DeploymentEvent e, Status status) {
        if (e.isTest()) {
            return "Test notification from Slipway for " + e.app();
        }
        return e.app() + " → " + e.environment() + ": " + status.label;
    }

    private static String revision(DeploymentEvent e) {
        if (e.revision().isEmpty()) {
            return "not known yet";
        }
        String rev = e.revision().get();
        String shown = rev.length() > 12 ? rev.substring(0, 12) : rev;
        String link = e.details().links().get(DeploymentDetails.COMMIT_LINK);
        return link == null ? "`" + escape(shown) + "`" : "<" + link + "|" + escape(shown) + ">";
    }

    private static Optional<String> duration(DeploymentEvent e) {
        return e.details().startedAt().map(s -> Duration.between(s, e.at())).filter(d -> !d.isNegative())
                .map(d -> d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toSeconds() + " s");
    }

    /** The configured mention for this status, in Slack's syntax, where the environment wants one. */
    static Optional<String> mention(DeploymentEvent e, SlackSettings settings) {
        if (!settings.mentionEnvironments().isEmpty() && !settings.mentionEnvironments().contains(e.environment())) {
            return Optional.empty();
        }
        Optional<String> who = switch (e.phase()) {
            case FAILED, ROLLED_BACK -> settings.mentionOnFailure();
            case ACTIVE -> e.details().event().equals("health_degraded") ? settings.mentionOnFailure()
                    : settings.mentionOnSuccess();
            default -> Optional.empty();
        };
        return who.map(SlackMessage::slackMentions);
    }

    static String slackMentions(String text) {
        return text.replace("@here", "<!here>").replace("@channel", "<!channel>").replace("@everyone", "<!everyone>")
                .replace("<<!", "<!").replace(">>", ">");
    }

    private static void field(ArrayNode fields, String name, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + name + "*\n" + value);
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
    }

    private static String words(DeploymentPhase p) {
        return p.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** Slack's mrkdwn needs only these three escaped. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A status's words, emoji and attachment colour. */
    enum Status {
        QUEUED("queued", ":hourglass_flowing_sand:", "#9e9e9e"),
        RUNNING("deploying", ":arrows_counterclockwise:", "#439fe0"),
        SUCCEEDED("live", ":white_check_mark:", "#2eb67d"),
        FAILED("failed", ":x:", "#e01e5a"),
        CANCELLED("cancelled", ":no_entry_sign:", "#9e9e9e"),
        ROLLED_BACK("rolled back", ":rewind:", "#ecb22e"),
        DEGRADED("unhealthy after going live", ":warning:", "#ecb22e"),
        TEST("test", ":wave:", "#439fe0");

        final String label;
        final String emoji;
        final String color;

        Status(String label, String emoji, String color) {
            this.label = label;
            this.emoji = emoji;
            this.color = color;
        }

        static Status of(DeploymentEvent e) {
            if (e.isTest()) {
                return TEST;
            }
            if (e.details().event().equals("health_degraded")) {
                return DEGRADED;
            }
            return switch (e.phase()) {
                case QUEUED -> QUEUED;
                case FETCHING_SOURCE, BUILDING, DEPLOYING, HEALTH_CHECKING, SWITCHING_TRAFFIC -> RUNNING;
                case ACTIVE -> SUCCEEDED;
                case FAILED -> FAILED;
                case CANCELLED, SUPERSEDED -> CANCELLED;
                case ROLLED_BACK -> ROLLED_BACK;
            };
        }
    }
}
