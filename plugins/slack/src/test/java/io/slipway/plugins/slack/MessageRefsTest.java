package io.slipway.plugins.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.slipway.plugin.api.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageRefsTest {
    @TempDir
    Path dataDir;

    private static SlackSettings settings(String channel) {
        return SlackSettings.of(new Config(Map.of("token", "xoxb-1234-5678-abcdef", "channel", channel)));
    }

    @Test
    void remembersAMessagePerTargetAndDeployment() {
        MessageRefs refs = new MessageRefs(dataDir);
        String key = refs.key(settings("C1"), "7");
        assertNotEquals(key, refs.key(settings("C2"), "7"), "another channel is another message");
        assertNotEquals(key, refs.key(settings("C1"), "8"));
        refs.save(key, new SlackApi.MessageRef("C1", "1700000000.000100"));
        assertEquals(Optional.of(new SlackApi.MessageRef("C1", "1700000000.000100")), refs.find(key));
    }

    @Test
    void forgetsMessagesOfLongAgo() throws Exception {
        MessageRefs refs = new MessageRefs(dataDir);
        String old = refs.key(settings("C1"), "1");
        refs.save(old, new SlackApi.MessageRef("C1", "1.1"));
        Files.setLastModifiedTime(dataDir.resolve("messages").resolve(old),
                FileTime.from(Instant.now().minus(MessageRefs.KEEP).minus(Duration.ofDays(1))));
        MessageRefs later = new MessageRefs(dataDir);
        later.save(later.key(settings("C1"), "2"), new SlackApi.MessageRef("C1", "2.2"));
        assertFalse(later.find(old).isPresent());
        assertEquals("2.2", later.find(later.key(settings("C1"), "2")).orElseThrow().ts());
    }
}
