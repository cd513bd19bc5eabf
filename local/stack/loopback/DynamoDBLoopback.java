import java.lang.reflect.Field;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local bound to 127.0.0.1 only. Its command line has no host option and its Jetty
 * server listens on every interface, which on a laptop means the café's network too. This takes
 * the same arguments as DynamoDBLocal.jar, builds the server the way its own main does, and sets
 * the host on its connector before it starts. Run from source (`java DynamoDBLoopback.java`,
 * Java 11+), so there is nothing to compile or ship.
 *
 * It also answers 403 to a Host that is not a loopback name (as loopback/guard.ts does for the
 * Node stand-ins): DynamoDB Local takes any credentials, so a page whose DNS name was rebound to
 * 127.0.0.1 would otherwise be same-origin with it and could read and change the whole table.
 */
public class DynamoDBLoopback {
  private static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "[::1]");

  static boolean loopbackHost(String host) {
    if (host == null) return false;
    String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":")[0];
    return LOOPBACK_HOSTS.contains(name.toLowerCase());
  }

  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) ((ServerConnector) connector).setHost("127.0.0.1");
    server.setHandler(new Handler.Wrapper(server.getHandler()) {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!loopbackHost(request.getHeaders().get(HttpHeader.HOST))) {
          Response.writeError(request, response, callback, 403);
          return true;
        }
        return super.handle(request, response, callback);
      }
    });
    proxy.start();
    proxy.join();
  }
}
