import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * Run as another OS account (setpriv) by EmbeddedStackSecurityIntegrationTests: tries to reach a running
 * stack's MariaDB over TCP as every account a stranger could guess without a password, through its socket,
 * and to read the home's credentials file; prints one line per try.
 * Usage: java -cp mariadb-java-client.jar NobodyProbe.java PORT SOCKET CREDENTIALS
 */
public class NobodyProbe {

	public static void main(String[] args) {
		int port = Integer.parseInt(args[0]);
		for (String user : List.of("root", "touchpoint", "reader", "nobody", "")) {
			try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", user, "")) {
				System.out.println("tcp '" + user + "': CONNECTED");
			}
			catch (SQLException ex) {
				System.out.println("tcp '" + user + "': refused " + ex.getErrorCode());
			}
		}
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(Path.of(args[1])));
			System.out.println("socket: CONNECTED");
		}
		catch (IOException ex) {
			System.out.println("socket: refused (" + ex.getMessage() + ")");
		}
		try {
			Files.readString(Path.of(args[2]));
			System.out.println("credentials: READ");
		}
		catch (IOException ex) {
			System.out.println("credentials: refused (" + ex.getClass().getSimpleName() + ")");
		}
	}
}
