package io.touchpoint.jobs.report;

import java.util.Map;

/**
 * The names of a tenant's campaigns by campaign id (each campaign's latest name in {@code campaigns}), and the
 * labels reports show for touchpoints that name a campaign: the name with the id in parentheses where a name is
 * known, so two campaigns of one name stay apart and the id can still be looked up; the touchpoint as it is
 * otherwise. CSV and JSON output carries the touchpoint unchanged.
 * <ul>
 * <li>tag {@code campaign:701Dm000000WebQ3AAA} → {@code campaign: Webinar Q3 (701Dm000000WebQ3AAA)}</li>
 * <li>tag {@code campaign:701Dm000000WebQ3AAA:responded} → {@code campaign: Webinar Q3, responded
 * (701Dm000000WebQ3AAA)}</li>
 * <li>a campaign or ad campaign touchpoint, or an attribution row's campaign, that is a known id →
 * {@code Webinar Q3 (701Dm000000WebQ3AAA)}</li>
 * </ul>
 */
public record CampaignNames(Map<String, String> byId) {

	private static final String TAG = "campaign:";

	public CampaignNames {
		byId = Map.copyOf(byId);
	}

	/** The label of a touchpoint of {@code kind} ({@code tag}, {@code campaign}, ...). */
	public String label(String kind, String touchpoint) {
		return label(kind, touchpoint, Integer.MAX_VALUE, true);
	}

	/**
	 * The label in at most {@code width} characters where a name is known: a longer name is cut and ends with
	 * "…", so the id stays whole (a terminal table's cells are 60 characters at most).
	 */
	public String label(String kind, String touchpoint, int width) {
		return label(kind, touchpoint, width, true);
	}

	/**
	 * The label without the id where a name is known ({@code campaign: Webinar Q3, responded}), for a place too
	 * short for both (a chart's bar label, whose tooltip has the whole label).
	 */
	public String shortLabel(String kind, String touchpoint) {
		return label(kind, touchpoint, Integer.MAX_VALUE, false);
	}

	/** A campaign id's label: {@code Name (id)} where the name is known, else the id. */
	public String campaign(String id) {
		return label("campaign", id);
	}

	private String label(String kind, String touchpoint, int width, boolean withId) {
		String id;
		String prefix;
		String qualifier;
		if (kind.equals("tag") && touchpoint.startsWith(TAG)) {
			String[] parts = touchpoint.substring(TAG.length()).split(":", 2);
			id = parts[0];
			prefix = "campaign: ";
			qualifier = parts.length > 1 ? ", " + parts[1] : "";
		}
		else if (kind.equals("campaign") || kind.equals("ad_campaign")) {
			id = touchpoint;
			prefix = "";
			qualifier = "";
		}
		else {
			return touchpoint;
		}
		String name = byId.get(id);
		if (name == null) {
			return touchpoint;
		}
		String suffix = qualifier + (withId ? " (" + id + ")" : "");
		return prefix + shortened(name, width - prefix.length() - suffix.length()) + suffix;
	}

	private static String shortened(String name, int width) {
		int room = Math.max(width, 2);
		return name.length() <= room ? name : name.substring(0, room - 1) + "\u2026";
	}
}
