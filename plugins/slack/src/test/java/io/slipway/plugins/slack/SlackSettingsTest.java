package io.slipway.plugins.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugin.api.config.InvalidConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackSettingsTest {
    private static List<String> problems(Map<String, Object> raw) {
        return problems(raw, false);
    }

    private static List<String> problems(Map<String, Object> raw, boolean allowHttp) {
        Config config = SlackSettings.schema().parse(raw);
        return SlackSettings.check(config, allowHttp).stream().map(FieldError::field).toList();
    }

    @Test
    void acceptsAnHttpsWebhook() {
        assertEquals(List.of(), problems(Map.of("webhookUrl", "https://hooks.slack.com/services/T0/B0/x")));
    }

    @Test
    void acceptsABotTokenWithAChannel() {
        assertEquals(List.of(), problems(Map.of("token", "xoxb-1234-5678-abcdef", "channel", "#deploys")));
    }

    @Test
    void rejectsATokenThatIsNotASlackToken() {
        assertEquals(List.of("token"), problems(Map.of("token", "ghp_123456789", "channel", "C1")));
    }

    @Test
    void rejectsAWebhookThatIsNotAUrl() {
        assertEquals(List.of("webhookUrl"), problems(Map.of("webhookUrl", "hooks slack com")));
        assertEquals(List.of("webhookUrl"), problems(Map.of("webhookUrl", "ftp://hooks.slack.com/x")));
    }

    @Test
    void rejectsPlainHttpUnlessTheAdministratorAllowsIt() {
        assertEquals(List.of("webhookUrl"), problems(Map.of("webhookUrl", "http://hooks.example/x")));
        assertEquals(List.of(), problems(Map.of("webhookUrl", "http://hooks.example/x"), true));
    }

    @Test
    void rejectsBothWaysOrNeither() {
        assertEquals(List.of("webhookUrl"), problems(Map.of()));
        assertEquals(List.of("webhookUrl"), problems(Map.of("webhookUrl", "https://hooks.slack.com/x",
                "token", "xoxb-1234-5678-abcdef", "channel", "C1")));
    }

    @Test
    void rejectsABotTokenWithoutAChannel() {
        assertEquals(List.of("channel"), problems(Map.of("token", "xoxb-1234-5678-abcdef")));
    }

    @Test
    void rejectsAChannelWithSpaces() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> SlackSettings.schema()
                .parse(Map.of("token", "xoxb-1234-5678-abcdef", "channel", "two words")));
        assertTrue(e.getMessage().contains("channel"));
    }

    @Test
    void turnsAtMentionsIntoSlacksSyntax() {
        assertEquals("<!here> <@U1>", SlackMessage.slackMentions("@here <@U1>"));
    }
}
