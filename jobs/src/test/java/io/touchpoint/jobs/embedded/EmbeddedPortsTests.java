package io.touchpoint.jobs.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import ch.vorburger.exec.ManagedProcessException;
import org.junit.jupiter.api.Test;

/**
 * The embedded servers' ports: chosen below the kernel's ephemeral range (read here from /proc), where no outgoing
 * connection takes one as its local end, and free when chosen; and MariaDB's own words for a port taken.
 */
class EmbeddedPortsTests {

	@Test
	void aChosenPortIsBelowTheEphemeralRangeAndFree() throws IOException {
		// given the kernel's range, e.g. "32768	60999"
		int ephemeralStart = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).strip()
			.split("\\s+")[0]);

		for (int i = 0; i < 20; i++) {
			// when
			int port = EmbeddedStack.localPort();

			// then
			assertThat(port).isBetween(10000, ephemeralStart - 1);
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				assertThat(socket.getLocalPort()).isEqualTo(port);
			}
		}
	}

	@Test
	void mariaDbsBindFailureIsAPortTakenAndOtherFailuresAreNot() {
		// MariaDB 11.4's console when another process holds the port
		assertThat(EmbeddedStack.portTaken(new ManagedProcessException("Magic string not seen in 120000ms, last 100 lines:\n"
				+ "[ERROR] Can't start server: Bind on TCP/IP port. Got error: 98: Address already in use\n"
				+ "[ERROR] Do you already have another server running on port: 34229 ?"))).isTrue();
		assertThat(EmbeddedStack.portTaken(new ManagedProcessException("[ERROR] InnoDB: Unable to lock ./ibdata1 error: 11")))
			.isFalse();
	}
}
