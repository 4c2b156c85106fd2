package io.touchpoint.readers.text;

import java.nio.charset.Charset;
import java.nio.charset.MalformedInputException;
import java.util.HexFormat;

/**
 * Bytes that are not valid in the charset being decoded; carries the offending bytes so the
 * message can show them and guess the file's real encoding.
 */
final class InvalidBytesException extends MalformedInputException {

	private static final long serialVersionUID = 1L;

	private final byte[] bytes;
	private final String charset;

	InvalidBytesException(byte[] bytes, Charset charset) {
		super(bytes.length);
		this.bytes = bytes.clone();
		this.charset = charset.name();
	}

	/** The offending bytes as {@code 0xE9} or {@code 0xE9 0x74}. */
	String hex() {
		StringBuilder text = new StringBuilder();
		for (byte b : bytes) {
			if (text.length() > 0) {
				text.append(' ');
			}
			text.append("0x").append(HexFormat.of().withUpperCase().toHexDigits(b));
		}
		return text.toString();
	}

	/** The first offending byte, 0 to 255. */
	int firstByte() {
		return bytes.length == 0 ? 0 : bytes[0] & 0xFF;
	}

	@Override
	public String getMessage() {
		return "bytes " + hex() + " are not valid " + charset;
	}
}
