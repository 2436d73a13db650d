import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The floor for bench/startup: the least a Jetty 12 server does before it can answer one
 * request (JVM start, Jetty's classes, one connector). Answers 200 on every path.
 * Usage: java -cp ... BareJetty PORT
 */
public final class BareJetty {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args.length > 0 ? args[0] : "8080");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put("Content-Type", "application/json");
                response.write(true, java.nio.ByteBuffer.wrap("{\"status\":\"UP\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.setStopAtShutdown(true);
        server.start();
        server.join();
    }
}
