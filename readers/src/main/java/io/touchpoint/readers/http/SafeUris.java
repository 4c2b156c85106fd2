package io.touchpoint.readers.http;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * URIs as they may be printed: the values of query parameters that carry credentials
 * ({@code access_token}, {@code api_key}, {@code client_secret}, ...) and any user info are replaced by
 * {@code ****}. Cursor parameters ({@code starting_after}, {@code page_info}, {@code after}) stay, since
 * they say which page failed.
 */
public final class SafeUris {

	private static final Set<String> SECRET_PARAMETERS = Set.of("access_token", "api_key", "apikey", "key", "token",
			"client_secret", "password", "secret", "signature", "sig", "hapikey", "appsecret_proof");

	private static final Pattern PARAMETER = Pattern.compile("([?&])([^=&#]+)=([^&#]*)");

	private SafeUris() {
	}

	/** Whether the value of this query parameter is masked: a credential ({@code api_key}, {@code token}, ...). */
	public static boolean isSecret(String parameter) {
		return SECRET_PARAMETERS.contains(parameter.toLowerCase(Locale.ROOT));
	}

	/** The names of the query parameters whose values are masked, sorted. */
	public static java.util.List<String> secretParameters() {
		return SECRET_PARAMETERS.stream().sorted().toList();
	}

	/** The URI with secret query values and user info masked. */
	public static String mask(URI uri) {
		String text = uri.toString();
		if (uri.getRawUserInfo() != null) {
			text = text.replace(uri.getRawUserInfo() + "@", "****@");
		}
		return mask(text);
	}

	/** A URI string with secret query values masked. */
	public static String mask(String uri) {
		Matcher matcher = PARAMETER.matcher(uri);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String name = java.net.URLDecoder.decode(matcher.group(2), java.nio.charset.StandardCharsets.UTF_8)
				.toLowerCase(Locale.ROOT);
			String value = SECRET_PARAMETERS.contains(name) ? "****" : matcher.group(3);
			matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + matcher.group(2) + "=" + value));
		}
		matcher.appendTail(out);
		return out.toString();
	}
}
