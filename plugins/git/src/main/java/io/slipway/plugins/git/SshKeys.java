package io.slipway.plugins.git;

import io.slipway.plugin.api.StepFailedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Reads an ssh private key from the text a user pasted. Browsers drop line breaks from password
 * inputs, so a key whose body lost its breaks (or had them turned into spaces) is re-wrapped.
 *
 * <pre>{@code
 * List<KeyPair> keys = SshKeys.load(keyText, Optional.of(passphrase));
 * }</pre>
 */
final class SshKeys {
    private static final Pattern ARMOR = Pattern.compile(
            "(-----BEGIN [A-Z0-9 ]+-----)\\s*(.*?)\\s*(-----END [A-Z0-9 ]+-----)", Pattern.DOTALL);

    private SshKeys() {
    }

    static List<KeyPair> load(String keyText, Optional<String> passphrase) {
        String text = normalize(keyText);
        try {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("deploy key"),
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    passphrase.map(FilePasswordProvider::of).orElse(FilePasswordProvider.EMPTY));
            var keys = new ArrayList<KeyPair>();
            if (pairs != null) {
                pairs.forEach(keys::add);
            }
            if (keys.isEmpty()) {
                throw new StepFailedException("The SSH private key could not be read: paste the whole key, BEGIN and END lines included");
            }
            return keys;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof StepFailedException failed) {
                throw failed;
            }
            // The library's message may quote key material; say only what the user can act on.
            throw new StepFailedException("The SSH private key could not be read (" + e.getClass().getSimpleName()
                    + "): check the key and its passphrase");
        }
    }

    /** Re-wraps a key body whose line breaks were lost; keys with headers (legacy encrypted PEM) are left alone. */
    static String normalize(String keyText) {
        var m = ARMOR.matcher(keyText.strip());
        if (!m.matches() || m.group(2).contains(":")) {
            return keyText.strip() + "\n";
        }
        String body = m.group(2).replaceAll("\\s+", "");
        var out = new StringBuilder(m.group(1)).append('\n');
        for (int i = 0; i < body.length(); i += 70) {
            out.append(body, i, Math.min(body.length(), i + 70)).append('\n');
        }
        return out.append(m.group(3)).append('\n').toString();
    }
}
