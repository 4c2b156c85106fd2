package io.touchpoint.jobs.model;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Deterministic contact ids. The same normalized e-mail under one tenant is the same contact in every
 * source ({@code e} + 25 hex digits of SHA-256); a contact known only by a source's own id gets
 * {@code x} + 25 hex digits of that id's hash, so a re-run always derives the same id.
 */
public final class ContactIds {

	private ContactIds() {
	}

	/** Trimmed, lower-cased e-mail, or null if blank or without an {@code @}. */
	public static @Nullable String normalizeEmail(@Nullable String email) {
		if (email == null) {
			return null;
		}
		String trimmed = email.strip().toLowerCase(Locale.ROOT);
		int at = trimmed.indexOf('@');
		return (at <= 0 || at == trimmed.length() - 1 || trimmed.indexOf(' ') >= 0) ? null : trimmed;
	}

	public static String forEmail(String tenantId, String normalizedEmail) {
		return "e" + hash(tenantId + "\u0000" + normalizedEmail);
	}

	public static String forExternalId(String tenantId, String source, String idType, String externalId) {
		return "x" + hash(tenantId + "\u0000" + source + "\u0000" + idType + "\u0000" + externalId);
	}

	/** The contact of a record: its e-mail's contact when it has one, else the contact of the source's own id. */
	public static String of(String tenantId, @Nullable String normalizedEmail, String source, String idType, String externalId) {
		return normalizedEmail != null ? forEmail(tenantId, normalizedEmail)
				: forExternalId(tenantId, source, idType, externalId);
	}

	private static String hash(String text) {
		return Digests.sha256Hex(text, 25);
	}
}
