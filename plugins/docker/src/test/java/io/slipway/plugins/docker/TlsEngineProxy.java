package io.slipway.plugins.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A TLS endpoint on 127.0.0.1 in front of the engine's unix socket, as {@code dockerd
 * --tlsverify} offers one: the server presents a certificate of a test CA (made in code) and
 * accepts only clients with a certificate of the same CA. {@link #writeClientCerts} writes the
 * {@code ca.pem}, {@code cert.pem} and {@code key.pem} a DOCKER_CERT_PATH folder holds.
 *
 * <pre>{@code
 * try (TlsEngineProxy proxy = TlsEngineProxy.start(Path.of("/tmp/docker.sock"))) {
 *     proxy.writeClientCerts(dir, proxy.ca());
 *     new EngineSettings(proxy.host(), true, Optional.of(dir));
 * }
 * }</pre>
 */
final class TlsEngineProxy implements AutoCloseable {
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

    /** A certificate authority: its key signs certificates. */
    record Authority(KeyPair keys, X509Certificate certificate) {
        static Authority create(String name) throws Exception {
            KeyPair keys = rsa();
            X500Name subject = new X500Name("CN=" + name);
            var builder = new JcaX509v3CertificateBuilder(subject, serial(), notBefore(), notAfter(), subject,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            return new Authority(keys, sign(builder, keys.getPrivate()));
        }

        /** A certificate for {@code name} signed by this authority; with an IP SAN for 127.0.0.1. */
        KeyPairAndCert issue(String name) throws Exception {
            KeyPair leaf = rsa();
            var builder = new JcaX509v3CertificateBuilder(certificate, serial(), notBefore(), notAfter(),
                    new X500Name("CN=" + name), leaf.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
            return new KeyPairAndCert(leaf, sign(builder, keys.getPrivate()));
        }
    }

    record KeyPairAndCert(KeyPair keys, X509Certificate certificate) {
    }

    private final Path socket;
    private final Authority ca;
    private final SSLServerSocket server;
    private final Thread acceptor;

    private TlsEngineProxy(Path socket, Authority ca, SSLServerSocket server) {
        this.socket = socket;
        this.ca = ca;
        this.server = server;
        this.acceptor = new Thread(this::accept, "tls-engine-proxy");
        this.acceptor.setDaemon(true);
    }

    /** Listens on 127.0.0.1 (a free port), forwarding each TLS connection to {@code socket}. */
    static TlsEngineProxy start(Path socket) throws Exception {
        Authority ca = Authority.create("Slipway test CA");
        KeyPairAndCert serverCert = ca.issue("127.0.0.1");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", serverCert.keys().getPrivate(), new char[0],
                new X509Certificate[] {serverCert.certificate(), ca.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        TlsEngineProxy proxy = new TlsEngineProxy(socket, ca, server);
        proxy.acceptor.start();
        return proxy;
    }

    Authority ca() {
        return ca;
    }

    /** The DOCKER_HOST value for this endpoint. */
    String host() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** Writes ca.pem (trusting {@code trusted}), and a client cert.pem and key.pem issued by this proxy's CA. */
    void writeClientCerts(Path dir, Authority trusted) throws Exception {
        Files.createDirectories(dir);
        KeyPairAndCert client = ca.issue("slipway-client");
        pem(dir.resolve("ca.pem"), trusted.certificate());
        pem(dir.resolve("cert.pem"), client.certificate());
        pem(dir.resolve("key.pem"), client.keys().getPrivate());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                SSLSocket client = (SSLSocket) server.accept();
                Thread t = new Thread(() -> forward(client), "tls-engine-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void forward(SSLSocket client) {
        try (client; SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            client.startHandshake(); // a client without a certificate of the CA ends here
            // The channel itself, not Channels' streams: those share one lock, so a blocked read would stall writes.
            Thread back = new Thread(() -> engineToClient(engine, client), "tls-engine-proxy-back");
            back.setDaemon(true);
            back.start();
            InputStream in = client.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    engine.write(chunk);
                }
            }
            engine.shutdownOutput();
            back.join(Duration.ofSeconds(30).toMillis());
        } catch (IOException | InterruptedException e) {
            // The client or the engine hung up, or the handshake was refused: the connection ends.
        }
    }

    private static void engineToClient(SocketChannel engine, SSLSocket client) {
        try {
            OutputStream out = client.getOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            while (engine.read(buffer) >= 0) {
                out.write(buffer.array(), 0, buffer.position());
                out.flush();
                buffer.clear();
            }
            client.close(); // the engine ended the connection: so does the client's side
        } catch (IOException e) {
            // one side closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(Duration.ofDays(1)));
    }

    private static void pem(Path file, Object value) throws IOException {
        try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(value);
        }
    }
}
