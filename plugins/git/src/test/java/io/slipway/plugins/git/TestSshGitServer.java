package io.slipway.plugins.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Serves the repositories under one folder over ssh on 127.0.0.1 (Apache MINA sshd server with
 * JGit's UploadPack behind {@code git-upload-pack '/<name>.git'}); only {@link #clientKey()} may log in.
 *
 * <pre>{@code
 * try (TestSshGitServer ssh = TestSshGitServer.start(reposDir)) { String url = ssh.url("app"); }
 * }</pre>
 */
final class TestSshGitServer implements AutoCloseable {
    private final SshServer server;
    private final KeyPair hostKey;
    private final KeyPair clientKey;

    private TestSshGitServer(SshServer server, KeyPair hostKey, KeyPair clientKey) {
        this.server = server;
        this.hostKey = hostKey;
        this.clientKey = clientKey;
    }

    static TestSshGitServer start(Path reposDir) throws Exception {
        KeyPair hostKey = ecKey();
        KeyPair clientKey = ecKey();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, clientKey.getPublic()));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory(uploadPack(reposDir));
        server.start();
        return new TestSshGitServer(server, hostKey, clientKey);
    }

    static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** {@code ssh://git@127.0.0.1:<port>/<name>.git} */
    String url(String name) {
        return "ssh://git@127.0.0.1:" + server.getPort() + "/" + name + ".git";
    }

    KeyPair clientKey() {
        return clientKey;
    }

    /** The private key as OpenSSH text, as a user would paste it. */
    static String openSsh(KeyPair key) throws Exception {
        var out = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "deploy@test", null, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A known_hosts line for this server with {@code key} as its host key. */
    String knownHostsLine(PublicKey key) {
        return "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(key);
    }

    PublicKey hostKey() {
        return hostKey.getPublic();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private static CommandFactory uploadPack(Path reposDir) {
        return (channel, command) -> {
            List<String> words = CommandFactory.split(command);
            if (words.size() != 2 || !words.get(0).equals("git-upload-pack")) {
                throw new IOException("unsupported command: " + command);
            }
            String name = words.get(1).replaceAll("^/+", "").replaceAll("\\.git$", "");
            Path dir = reposDir.resolve(name).normalize();
            if (!dir.startsWith(reposDir) || !Files.isDirectory(dir.resolve(".git"))) {
                throw new IOException("no repository " + name);
            }
            return new UploadPackCommand(dir.resolve(".git"));
        };
    }

    private static final class UploadPackCommand implements Command {
        private final Path gitDir;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        UploadPackCommand(Path gitDir) {
            this.gitDir = gitDir;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread thread = new Thread(() -> {
                int status = 0;
                try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build()) {
                    new UploadPack(repo).upload(in, out, err);
                    out.flush();
                } catch (IOException e) {
                    status = 1;
                }
                exit.onExit(status);
            }, "test-ssh-upload-pack");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
