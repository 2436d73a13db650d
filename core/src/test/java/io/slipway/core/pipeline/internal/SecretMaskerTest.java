package io.slipway.core.pipeline.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
    @Test
    void masksEveryOccurrenceOfEverySecret() {
        SecretMasker m = new SecretMasker(List.of("hunter2", "tok-abc"));
        assertEquals("pw=**** token=**** again ****", m.mask("pw=hunter2 token=tok-abc again hunter2"));
    }

    @Test
    void masksTheLongerSecretFirstWhenOneContainsAnother() {
        SecretMasker m = new SecretMasker(List.of("abc", "abcdef"));
        assertEquals("x **** y", m.mask("x abcdef y"));
    }

    @Test
    void leavesTooShortValuesAlone() {
        SecretMasker m = new SecretMasker(List.of("1", "on"));
        assertEquals("port 1 is on", m.mask("port 1 is on"));
    }
}
