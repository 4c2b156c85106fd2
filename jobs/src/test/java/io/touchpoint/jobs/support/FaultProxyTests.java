package io.touchpoint.jobs.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fault proxy the S3 and warehouse fault tests rely on, against a real echo server: it passes bytes both
 * ways, resets open and new connections from the read that matches its trigger (which never reaches the
 * server), and black-holes a connection until {@link FaultProxy#pass()} drops it.
 */
class FaultProxyTests {

	private ServerSocket echo;

	private final List<String> received = new CopyOnWriteArrayList<>();

	private FaultProxy proxy;

	@BeforeEach
	void startEchoServerBehindAProxy() throws IOException {
		echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> {
			while (!echo.isClosed()) {
				try {
					Socket socket = echo.accept();
					Thread handler = new Thread(() -> echoLines(socket));
					handler.setDaemon(true);
					handler.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		});
		acceptor.setDaemon(true);
		acceptor.start();
		proxy = FaultProxy.start("test-proxy", "127.0.0.1", echo.getLocalPort());
	}

	@AfterEach
	void stop() throws IOException {
		proxy.close();
		echo.close();
	}

	@Test
	void passesBytesBothWays() throws IOException {
		try (Socket client = connect()) {
			assertThat(exchange(client, "hello")).isEqualTo("hello");
		}
	}

	@Test
	void resetsFromTheMatchingReadOnAndThatReadNeverReachesTheServer() throws IOException {
		proxy.faultWhenClientSends(text -> text.contains("two"), 1, FaultProxy.Mode.RESET);
		try (Socket client = connect()) {
			assertThat(exchange(client, "one")).isEqualTo("one");

			// when
			Throwable cut = catchThrowable(() -> assertThat(exchange(client, "two")).isNull());

			// then the connection ends (reset, or end of stream) and new ones are reset too
			assertThat(cut == null || cut instanceof IOException).as(String.valueOf(cut)).isTrue();
			assertThat(proxy.tripped()).isTrue();
			assertThat(received).containsExactly("one");
		}
		try (Socket again = connect()) {
			Throwable refused = catchThrowable(() -> assertThat(exchange(again, "three")).isNull());
			assertThat(refused == null || refused instanceof IOException).isTrue();
		}
		assertThat(proxy.faultedConnections()).isGreaterThanOrEqualTo(2);
		assertThat(received).containsExactly("one");

		// when the server is back
		proxy.pass();
		try (Socket client = connect()) {
			assertThat(exchange(client, "four")).isEqualTo("four");
		}
	}

	@Test
	void blackHoleHoldsTheConnectionUntilPassDropsIt() throws IOException {
		proxy.blackhole();
		try (Socket client = connect()) {
			send(client, "ping");
			await().until(() -> proxy.faultedConnections() == 1); // the proxy has accepted and holds it

			// when
			proxy.pass();

			// then the held connection ends without an answer, and the server never saw the bytes
			Throwable dropped = catchThrowable(() -> assertThat(client.getInputStream().read()).isEqualTo(-1));
			assertThat(dropped == null || dropped instanceof IOException).isTrue();
		}
		assertThat(received).isEmpty();
	}

	private Socket connect() throws IOException {
		return new Socket("127.0.0.1", proxy.port());
	}

	private static void send(Socket client, String text) throws IOException {
		OutputStream out = client.getOutputStream();
		out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/** Sends a line and reads the echoed line; null if the connection ends first. */
	private static String exchange(Socket client, String text) throws IOException {
		send(client, text);
		InputStream in = client.getInputStream();
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				return null;
			}
			line.append((char) b);
		}
		return line.toString();
	}

	private void echoLines(Socket socket) {
		try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
			StringBuilder line = new StringBuilder();
			for (int b = in.read(); b >= 0; b = in.read()) {
				if (b == '\n') {
					received.add(line.toString());
					out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
					out.flush();
					line.setLength(0);
				}
				else {
					line.append((char) b);
				}
			}
		}
		catch (IOException ex) {
			// the proxy cut the connection
		}
	}
}
