import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The bench's poller: waits, every ~10 ms, for the first 200 answer that carries a text. One JVM
 * for the whole bench, so polling costs the machine a few microseconds of CPU per try. A shell
 * loop starting curl every 10 ms used about 40 % of a core; on this 2-core machine that slowed
 * whichever side was being polled during its build, and only Slipway's side is polled during its
 * build (its API call returns at once).
 *
 * <p>Reads one request per line on stdin, tab-separated: {@code URL HOST TEXT TIMEOUT_MS}; answers
 * one line per request: {@code ok <epoch ms of the answer>} or {@code timeout}. Stops when stdin
 * closes.
 *
 * <pre>{@code java -cp target/classes FirstAnswer}</pre>
 */
public final class FirstAnswer {
    private static final int POLL_MS = 10;
    private static final int IO_TIMEOUT_MS = 2000;

    private FirstAnswer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String line;
        while ((line = in.readLine()) != null) {
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                out.println("error: expected URL<TAB>HOST<TAB>TEXT<TAB>TIMEOUT_MS");
                continue;
            }
            URI url = URI.create(f[0]);
            long deadline = System.currentTimeMillis() + Long.parseLong(f[3]);
            String answer = "timeout";
            while (System.currentTimeMillis() < deadline) {
                if (answers(url, f[1], f[2])) {
                    answer = "ok " + System.currentTimeMillis();
                    break;
                }
                Thread.sleep(POLL_MS);
            }
            out.println(answer);
        }
    }

    /** One GET on a new connection: true when it answers 200 with {@code text} in the body. */
    private static boolean answers(URI url, String host, String text) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(url.getHost(), url.getPort()), IO_TIMEOUT_MS);
            s.setSoTimeout(IO_TIMEOUT_MS);
            OutputStream o = s.getOutputStream();
            String path = url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            o.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            o.flush();
            InputStream i = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            i.transferTo(all);
            String response = all.toString(StandardCharsets.UTF_8);
            return (response.startsWith("HTTP/1.1 200") || response.startsWith("HTTP/1.0 200"))
                    && response.contains(text);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
