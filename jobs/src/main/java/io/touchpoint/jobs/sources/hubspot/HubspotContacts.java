package io.touchpoint.jobs.sources.hubspot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the HubSpot contacts export and the CRM API agree on: multi-select values as tags, and
 * lifecycle stages as the export's labels (the API sends internal values), so that a contact seen both
 * ways is the same row.
 */
final class HubspotContacts {

	/** HubSpot's default lifecycle stages: internal value to the label exports show. */
	private static final Map<String, String> STAGE_LABELS = Map.of("subscriber", "Subscriber", "lead", "Lead",
			"marketingqualifiedlead", "Marketing Qualified Lead", "salesqualifiedlead", "Sales Qualified Lead",
			"opportunity", "Opportunity", "customer", "Customer", "evangelist", "Evangelist", "other", "Other");

	private HubspotContacts() {
	}

	/**
	 * The values of a {@code ;}-separated multi-select, trimmed, blanks dropped.
	 *
	 * @throws IllegalArgumentException when a value is longer than the tag column (255)
	 */
	static List<String> tags(@Nullable String value) {
		List<String> tags = new ArrayList<>();
		if (value == null) {
			return tags;
		}
		for (String tag : value.split(";")) {
			String trimmed = tag.strip();
			if (trimmed.length() > 255) {
				throw new IllegalArgumentException("a value longer than 255 characters");
			}
			if (!trimmed.isEmpty() && !tags.contains(trimmed)) {
				tags.add(trimmed);
			}
		}
		return tags;
	}

	/** The export's label of a default lifecycle stage; a custom stage (a numeric id) stays as it is. */
	static String stageLabel(@Nullable String internalValue) {
		return internalValue == null ? null : STAGE_LABELS.getOrDefault(internalValue, internalValue);
	}
}
