package io.touchpoint.jobs.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real TCP forwarder on localhost in front of a server (the shared context's S3Proxy or MariaDB), which a
 * test switches between passing traffic, resetting every connection (the server went away: connections are
 * cut with a TCP reset and new ones are reset as soon as they are accepted) and black-holing them (the
 * server hangs: connections stay open and nothing is forwarded either way). A test can arm the switch to
 * happen when the client sends bytes a predicate accepts (an HTTP request line for a staged key, a SQL
 * statement for a table), so the fault lands at an exact point of a run and the matching bytes never reach
 * the server. Going back to {@link #pass()} drops the connections that were held, as a server restart would.
 */
public final class FaultProxy implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);

	public enum Mode {
		PASS, RESET, BLACKHOLE
	}

	private final String name;

	private final ServerSocket server;

	private final InetSocketAddress target;

	private final Set<Link> links = ConcurrentHashMap.newKeySet();

	private final AtomicInteger faulted = new AtomicInteger();

	private volatile Mode mode = Mode.PASS;

	private volatile Trigger trigger;

	private volatile boolean tripped;

	/** What to do when the client sends matching bytes for the nth time, and whether to drop those bytes. */
	private record Trigger(Predicate<String> matches, AtomicInteger remaining, Runnable action, boolean drop) {
	}

	private FaultProxy(String name, InetSocketAddress target) {
		this.name = name;
		this.target = target;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		daemon(name + "-accept", this::acceptLoop).start();
	}

	/** A forwarder on a free local port to {@code host:port}, passing traffic. */
	public static FaultProxy start(String name, String host, int port) {
		return new FaultProxy(name, new InetSocketAddress(host, port));
	}

	public int port() {
		return server.getLocalPort();
	}

	/** Traffic flows again; connections held by a reset or black hole are closed. */
	public void pass() {
		trigger = null;
		mode = Mode.PASS;
		for (Link link : links) {
			if (link.faulted) {
				link.close(true);
			}
		}
	}

	/** Every open connection is cut with a reset, and every new one is reset when accepted. */
	public void reset() {
		switchTo(Mode.RESET);
	}

	/** Open and new connections stay open but nothing is forwarded: the server seems to hang. */
	public void blackhole() {
		switchTo(Mode.BLACKHOLE);
	}

	/**
	 * Switches to {@code mode} when the client sends, for the {@code nth} time, bytes that {@code matches}
	 * accepts (one read of up to 64 KiB, as ISO-8859-1: an HTTP request's head or a SQL statement's start comes
	 * in one read); the matching bytes are not forwarded.
	 */
	public void faultWhenClientSends(Predicate<String> matches, int nth, Mode mode) {
		tripped = false;
		trigger = new Trigger(matches, new AtomicInteger(nth), () -> switchTo(mode), true);
	}

	/**
	 * Runs {@code action} (switching another proxy, say) when the client sends, for the {@code nth} time, bytes
	 * that {@code matches} accepts; those bytes are then forwarded, so this connection carries on.
	 */
	public void whenClientSends(Predicate<String> matches, int nth, Runnable action) {
		tripped = false;
		trigger = new Trigger(matches, new AtomicInteger(nth), action, false);
	}

	/** Whether an armed fault has happened. */
	public boolean tripped() {
		return tripped;
	}

	/** Connections reset or held since the fault began (open ones included): the attempts the fault met. */
	public int faultedConnections() {
		return faulted.get();
	}

	public Mode mode() {
		return mode;
	}

	private synchronized void switchTo(Mode next) {
		mode = next;
		faulted.set(0);
		for (Link link : links) {
			// counted before the client can see it: a client that sees its reset may connect again at once
			faulted.incrementAndGet();
			if (next == Mode.RESET) {
				link.close(true);
			}
			else {
				link.faulted = true;
			}
		}
	}

	private void acceptLoop() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				accept(client);
			}
			catch (IOException ex) {
				if (!server.isClosed()) {
					log.warn("{}: accept failed: {}", name, ex.toString());
				}
			}
		}
	}

	private void accept(Socket client) throws IOException {
		Mode now = mode;
		if (now == Mode.RESET) {
			faulted.incrementAndGet();
			client.setSoLinger(true, 0);
			client.close();
			return;
		}
		Link link = new Link(client);
		links.add(link);
		if (now == Mode.BLACKHOLE) {
			faulted.incrementAndGet();
			link.faulted = true;
			daemon(name + "-hold", () -> link.pump(client, null, true)).start();
			return;
		}
		try {
			link.server = new Socket();
			link.server.connect(target, 10_000);
		}
		catch (IOException ex) {
			// the client then sees "Connection reset": logged, as it looks like a fault the test did not arm
			log.warn("{}: could not reach {} while passing traffic ({}); resetting the client's connection", name, target,
					ex.toString());
			link.close(true);
			return;
		}
		Socket upstream = link.server;
		daemon(name + "-up", () -> link.pump(client, upstream, true)).start();
		daemon(name + "-down", () -> link.pump(upstream, client, false)).start();
	}

	/** Checks an armed trigger against what the client sent in one read; true when those bytes are dropped. */
	private boolean trips(String read) {
		Trigger armed = trigger;
		if (armed == null || !armed.matches().test(read)) {
			return false;
		}
		if (armed.remaining().decrementAndGet() != 0) {
			return false;
		}
		trigger = null;
		tripped = true;
		armed.action().run();
		return armed.drop();
	}

	/** One client connection and its upstream connection. */
	private final class Link {

		private final Socket client;

		private volatile Socket server;

		private volatile boolean faulted;

		/** Pumps still running; the link is closed when both have seen their end. */
		private final AtomicInteger pumps = new AtomicInteger(2);

		Link(Socket client) {
			this.client = client;
		}

		void pump(Socket from, Socket to, boolean fromClient) {
			byte[] buffer = new byte[64 * 1024];
			try (InputStream in = from.getInputStream()) {
				OutputStream out = to == null ? null : to.getOutputStream();
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					if (fromClient && trigger != null && trips(new String(buffer, 0, n, StandardCharsets.ISO_8859_1))) {
						continue;
					}
					if (!faulted && out != null) {
						out.write(buffer, 0, n);
						out.flush();
					}
				}
				if (!faulted && to != null) {
					to.shutdownOutput();
				}
				if (pumps.decrementAndGet() == 0) {
					close(false);
				}
			}
			catch (IOException ex) {
				close(false);
			}
		}

		void close(boolean reset) {
			links.remove(this);
			for (Socket socket : new Socket[] { client, server }) {
				if (socket == null) {
					continue;
				}
				try {
					if (reset && !socket.isClosed()) {
						socket.setSoLinger(true, 0);
					}
					socket.close();
				}
				catch (IOException ex) {
					// already gone
				}
			}
		}
	}

	private static Thread daemon(String name, Runnable body) {
		Thread thread = new Thread(body, name);
		thread.setDaemon(true);
		return thread;
	}

	@Override
	public void close() {
		try {
			server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		for (Link link : links) {
			link.close(true);
		}
	}
}
