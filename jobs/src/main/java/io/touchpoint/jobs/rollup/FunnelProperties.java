package io.touchpoint.jobs.rollup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.touchpoint.jobs.config.TouchpointProperties.Funnel;

/**
 * The funnels of {@code funnel_steps} ({@code touchpoint.funnels.<name>.*}): each an ordered list of steps,
 * {@code steps=page:/pricing,event:Signed Up,purchase}, and the longest a contact may take from one step to the
 * next, {@code window} (30 days by default). A step is {@code page:<URL path>} (a page view of that path, without
 * query string), {@code event:<name>} (an event other than a page or screen view, by name) or {@code purchase} (a
 * counted purchase). Made from {@code TouchpointProperties.funnels()} and checked when the application starts: a bad
 * funnel stops it with a message naming the property.
 */
public record FunnelProperties(Map<String, Funnel> funnels) {

	/** The longest page path or event name a step can name (funnel_definitions.name). */
	static final int MAX_NAME = 255;

	/** The longest funnel name (funnel_steps.funnel). */
	static final int MAX_FUNNEL = 64;

	public FunnelProperties {
		Map<String, Funnel> sorted = new TreeMap<>();
		if (funnels != null) {
			funnels.forEach((name, funnel) -> sorted.put(name, funnel == null ? new Funnel(null, null) : funnel));
		}
		sorted.forEach(FunnelProperties::check);
		funnels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
	}

	/** No funnels. */
	public static FunnelProperties none() {
		return new FunnelProperties(Map.of());
	}

	/** A parsed step: kind {@code page}, {@code event} or {@code purchase}, and the path or name ("" for a purchase). */
	public record Step(int number, String text, String kind, String name) {
	}

	/** The steps of every funnel, in funnel-name order, as {@code funnel_definitions} holds them. */
	public Map<String, List<Step>> steps() {
		Map<String, List<Step>> steps = new LinkedHashMap<>();
		funnels.forEach((name, funnel) -> {
			List<Step> parsed = new ArrayList<>();
			for (String text : funnel.steps()) {
				parsed.add(parse(name, parsed.size() + 1, text));
			}
			steps.put(name, List.copyOf(parsed));
		});
		return steps;
	}

	/** The most steps a funnel has (0 without funnels). */
	public int longest() {
		return funnels.values().stream().mapToInt(funnel -> funnel.steps().size()).max().orElse(0);
	}

	private static void check(String name, Funnel funnel) {
		String property = "touchpoint.funnels." + name;
		if (name.isBlank() || name.length() > MAX_FUNNEL) {
			throw new IllegalArgumentException(property + ": a funnel's name has 1 to " + MAX_FUNNEL + " characters");
		}
		if (funnel.steps().size() < 2) {
			throw new IllegalArgumentException(property + ".steps must list at least two steps, separated by commas, "
					+ "each page:<URL path>, event:<event name> or purchase (e.g. page:/pricing,event:Signed Up,purchase); "
					+ "it has " + funnel.steps().size());
		}
		for (int i = 0; i < funnel.steps().size(); i++) {
			parse(name, i + 1, funnel.steps().get(i));
		}
		if (funnel.window().isNegative() || funnel.window().isZero()) {
			throw new IllegalArgumentException(property + ".window must be positive (e.g. 30d, 12h); it is "
					+ funnel.window());
		}
	}

	private static Step parse(String funnel, int number, String text) {
		String property = "touchpoint.funnels." + funnel + ".steps";
		if (text.toLowerCase(Locale.ROOT).equals("purchase")) {
			return new Step(number, "purchase", "purchase", "");
		}
		int colon = text.indexOf(':');
		String kind = colon < 0 ? "" : text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
		String name = colon < 0 ? "" : text.substring(colon + 1).strip();
		if (!(kind.equals("page") || kind.equals("event")) || name.isEmpty()) {
			throw new IllegalArgumentException(property + ": step " + number + " '" + text + "' is not page:<URL path>, "
					+ "event:<event name> or purchase");
		}
		if (name.length() > MAX_NAME) {
			throw new IllegalArgumentException(property + ": step " + number + " names more than " + MAX_NAME
					+ " characters");
		}
		if (kind.equals("page") && !name.startsWith("/")) {
			throw new IllegalArgumentException(property + ": step " + number + " '" + text + "' names a page by its URL "
					+ "path, starting with / (page:/pricing), without host or query string");
		}
		return new Step(number, kind + ":" + name, kind, name);
	}
}
