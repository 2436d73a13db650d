package io.slipway.core.secrets;

import io.slipway.core.config.ConfigurationException;
import io.slipway.core.config.SlipwayConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts secrets at rest (config secret fields, secret env vars, notification targets' secrets,
 * plugins' own secrets) with AES-256-GCM under one key: {@code SLIPWAY_SECRET_KEY} when the
 * environment supplies it, else {@code SLIPWAY_HOME/secret.key} (created on first start, mode
 * 600; see {@link KeyFiles}). Stored form: {@code v1:<base64(iv || ciphertext+tag)>}, so the scheme
 * can change later. {@code java -jar slipway.war rotate-key} replaces the key ({@link KeyRotation}).
 */
public final class SecretCipher {
    static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    /**
     * Random IVs from a DRBG, which the JVM seeds once: the default NativePRNG reads
     * /dev/urandom under one lock on every call, and every webhook delivery encrypts its headers.
     */
    private final SecureRandom random = drbg();
    /** Cipher.getInstance looks the provider up each time; a cipher is re-initialised per use anyway. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(SecretCipher::aesGcm);

    public SecretCipher(SecretKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * The cipher the configuration asks for: the environment's key, else the key file (created when missing).
     *
     * @throws ConfigurationException when {@code SLIPWAY_SECRET_KEY} is not base64 of 32 bytes
     */
    public static SecretCipher fromConfig(SlipwayConfig config) {
        Optional<String> supplied = config.secretKey();
        if (supplied.isPresent()) {
            return new SecretCipher(KeyFiles.decode(supplied.get()).orElseThrow(() -> new ConfigurationException(
                    "SLIPWAY_SECRET_KEY must be the base64 of 32 random bytes (e.g. the output of "
                            + "`openssl rand -base64 32`); fix it, or unset it to use SLIPWAY_HOME/secret.key.")));
        }
        Path unfinished = config.secretKeyFile().resolveSibling(config.secretKeyFile().getFileName() + RotateKeyCommand.NEW_SUFFIX);
        if (Files.exists(unfinished)) {
            throw new ConfigurationException(unfinished + " exists: a key rotation did not finish. If rotate-key reported "
                    + "the secrets re-encrypted, move it to " + config.secretKeyFile() + "; otherwise delete it. Then start again.");
        }
        return fromKeyFile(config.secretKeyFile());
    }

    /** Loads the key file, creating it (readable by the owner only) when missing. */
    public static SecretCipher fromKeyFile(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                KeyFiles.write(keyFile, KeyFiles.generate());
            }
            return new SecretCipher(KeyFiles.read(keyFile));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret key " + keyFile + ": check SLIPWAY_HOME's permissions", e);
        }
    }

    public String encrypt(String plain) {
        Objects.requireNonNull(plain, "plain");
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = ciphers.get();
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    public String decrypt(String stored) {
        Objects.requireNonNull(stored, "stored");
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an encrypted value");
        }
        return tryDecrypt(stored).orElseThrow(() -> new IllegalStateException(
                "A stored secret cannot be decrypted: was SLIPWAY_HOME/secret.key (or SLIPWAY_SECRET_KEY) replaced?"));
    }

    /** The plain text, or empty when {@code stored} was not encrypted under this key (the GCM tag does not match). */
    public Optional<String> tryDecrypt(String stored) {
        Objects.requireNonNull(stored, "stored");
        if (!stored.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            if (all.length < IV_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher c = ciphers.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return Optional.of(new String(c.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8));
        } catch (AEADBadTagException | IllegalArgumentException wrongKeyOrNotOurs) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private static Cipher aesGcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
