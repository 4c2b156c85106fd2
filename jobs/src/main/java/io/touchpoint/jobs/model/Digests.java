package io.touchpoint.jobs.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lower-case hex, the digest every derived key and content hash here uses. Each call clones
 * a never-updated prototype digest (cheaper than a provider lookup per call; normalize derives up to
 * two contact ids a row).
 */
public final class Digests {

	private static final MessageDigest PROTOTYPE = newSha256();

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private Digests() {
	}

	public static String sha256Hex(byte[] bytes) {
		return HexFormat.of().formatHex(sha256().digest(bytes));
	}

	public static String sha256Hex(String text) {
		return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
	}

	/** The first {@code hexChars} (at most 64) lower-case hex digits of the SHA-256 of the text's UTF-8 bytes. */
	public static String sha256Hex(String text, int hexChars) {
		byte[] digest = sha256().digest(text.getBytes(StandardCharsets.UTF_8));
		byte[] hex = new byte[hexChars];
		for (int i = 0; i < hexChars; i++) {
			int b = digest[i >> 1];
			hex[i] = HEX[(i & 1) == 0 ? (b >> 4) & 0xF : b & 0xF];
		}
		return new String(hex, StandardCharsets.US_ASCII);
	}

	private static MessageDigest sha256() {
		try {
			return (MessageDigest) PROTOTYPE.clone();
		}
		catch (CloneNotSupportedException ex) {
			return newSha256();
		}
	}

	private static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}
}
