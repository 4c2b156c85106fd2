package io.touchpoint.jobs.sources.api;

/**
 * An API answered with something that is not a page of the expected shape. The fetch fails naming the
 * page; a restart asks for the same page again.
 */
public class ApiPageException extends RuntimeException {

	public ApiPageException(StreamFetch fetch, String problem) {
		super(fetch.describe() + ": " + problem + ". The page was not landed; restart the execution to ask for it"
				+ " again, or report the response to the vendor.");
	}
}
