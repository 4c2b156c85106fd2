package io.touchpoint.jobs.support;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.touchpoint.jobs.cli.TouchpointCli;

/** The Touchpoint CLI run in this JVM (its own Spring context per command), collecting what it prints. */
public final class InProcessCli {

	private InProcessCli() {
	}

	public record Result(int code, String out, String err) {

		@Override
		public String toString() {
			return "exit " + code + "\n" + out + err;
		}
	}

	public static Result run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = TouchpointCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
		return new Result(code, out.toString(), err.toString());
	}
}
