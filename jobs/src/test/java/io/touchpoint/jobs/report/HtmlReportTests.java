package io.touchpoint.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The HTML report parsed as the XML it is: tenant and as-of date, the sentences with their small-group flags,
 * charts with axes and a real time scale, every rollup's table, "–" for a missing value, ROAS to 2 decimals,
 * campaign names where known, and nothing fetched from elsewhere.
 */
class HtmlReportTests {

	private static final String WEBINAR = "701Dm000000WebQ3AAA";

	private final XPath xpath = XPathFactory.newInstance().newXPath();

	@Test
	void pageCarriesEveryRollupWithSentencesFlagsAxesAndAsOfDate() throws Exception {
		// given 3 touchpoints (one with a group under 30 contacts), revenue on Oct 23 and Nov 18-19 only (a gap),
		// two cohorts, an attribution row without spend, and the name of one Salesforce campaign
		List<LtvReport.Line> lines = List.of(
				new LtvReport.Line("tag", "campaign:" + WEBINAR + ":responded", "USD", 4, 56063, 32375, 76, 13486, 0, 42577),
				new LtvReport.Line("tag", "webinar-q3", "USD", 120, 51200, 30000, 1800, 19700, 0, 31500),
				new LtvReport.Line("campaign", "retargeting", "USD", 40, 9323, 0, 60, 18311, 4900, -8988));
		RollupReports.Table revenue = new RollupReports.Table("Daily revenue", List.of("day", "source", "currency", "orders",
				"gross", "refunds", "net", "new", "returning", "net (reporting)"),
				List.of(revenueRow("2026-10-23", 12000), revenueRow("2026-11-18", 30000), revenueRow("2026-11-19", 21000)));
		RollupReports.Table cohorts = new RollupReports.Table("Cohort value", List.of("cohort", "months since", "currency",
				"contacts", "cumulative net", "net per contact"), List.of(
						List.of("2026-10", 0L, "USD", 10L, new Money(50000, "USD"), new Money(5000, "USD")),
						List.of("2026-10", 1L, "USD", 10L, new Money(80000, "USD"), new Money(8000, "USD")),
						List.of("2026-11", 0L, "USD", 4L, new Money(8000, "USD"), new Money(2000, "USD"))));
		RollupReports.Table attribution = new RollupReports.Table("Attribution", List.of("model", "channel", "campaign",
				"currency", "contacts", "purchases", "revenue", "spend", "cpa", "roas"), List.of(
						Arrays.asList("last_touch", "facebook", "spring_sale", "USD", 12L, 15L, new Money(473240, "USD"),
								new Money(100000, "USD"), new Money(8333, "USD"), new BigDecimal("4.7324")),
						Arrays.asList("last_touch", "(none)", "(none)", "USD", 3L, 3L, new Money(9000, "USD"),
								new Money(0, "USD"), null, null)));
		var data = new HtmlReport.Data("acme", LocalDate.of(2026, 11, 20), LocalDateTime.of(2026, 11, 21, 2, 30), 30, 5,
				lines, revenue, cohorts, attribution, Map.of(WEBINAR, "Web Q3 webinar"));

		// when
		Document page = parse(HtmlReport.render(data));

		// then: who and when
		assertThat(text(page, "//*[@id='tenant']")).isEqualTo("acme");
		assertThat(text(page, "//*[@id='as-of']/@datetime")).isEqualTo("2026-11-20");
		assertThat(text(page, "//*[local-name()='p'][@class='meta']")).startsWith("Data as of 2026-11-20 (the last business "
				+ "date loaded); rollups computed 2026-11-21 02:30 UTC. Groups of fewer than 30 contacts are flagged");
		// the sentences, trustworthy ones first, by lift; the small group flagged, its campaign named
		assertThat(texts(page, "//*[@id='findings']/*[local-name()='li']")).containsExactly(
				"Contacts tagged webinar-q3 are worth $512 on average; contacts without it $197 (+$315, 120 vs 1,800 contacts).",
				"Contacts reached by campaign retargeting are worth $93 on average; contacts without it $183 (-$90, 40 vs 60 "
						+ "contacts).",
				"Contacts tagged campaign: Web Q3 webinar, responded (701Dm000000WebQ3AAA) are worth $561 on average; "
						+ "contacts without it $135 "
						+ "(+$426, 4 vs 76 contacts). Too few contacts to trust (a group has fewer than 30).");
		assertThat(texts(page, "//*[local-name()='li'][contains(@class, 'small-group')]")).hasSize(1);
		// the value table with medians and the trust column
		assertThat(texts(page, "//*[@id='ltv']//*[local-name()='th']")).containsExactly("kind", "touchpoint", "with",
				"avg net with", "median with", "without", "avg net without", "median without", "lift", "trust");
		assertThat(texts(page, "//*[@id='ltv']//*[local-name()='tr'][2]/*[local-name()='td']")).containsExactly("tag",
				"webinar-q3", "120", "$512.00", "$300.00", "1,800", "$197.00", "$0.00", "$315.00", "ok");
		// the lift chart: one bar per touchpoint with its value, an x axis with money ticks and its title
		String lift = "//*[local-name()='svg'][@id='lift-chart-USD']";
		assertThat(texts(page, lift + "/*[local-name()='rect']/@data-minor")).containsExactly("42577", "31500", "-8988");
		assertThat(texts(page, lift + "/*[contains(@class, 'x-tick')]")).contains("$0", "$200", "$400");
		assertThat(text(page, lift + "/*[contains(@class, 'x-title')]"))
			.isEqualTo("Lift in average net value per contact (USD)");
		assertThat(texts(page, lift + "/*[@class='value']")).containsExactly("+$426 \u26a0", "+$315", "-$90");
		assertThat(texts(page, lift + "/*[local-name()='rect'][contains(@class, 'small-group')]/@data-minor"))
			.containsExactly("42577");
		// the revenue chart: a real time axis (Oct 23 to Nov 19 is 27 days), the gap breaks the line
		String chart = "//*[local-name()='svg'][@id='revenue-chart-USD']";
		assertThat(texts(page, chart + "/*[local-name()='circle']/@data-day")).containsExactly("2026-10-23", "2026-11-18",
				"2026-11-19");
		assertThat(texts(page, chart + "/*[local-name()='polyline']")).hasSize(2);
		double x1 = number(page, chart + "/*[local-name()='circle'][1]/@cx");
		double x2 = number(page, chart + "/*[local-name()='circle'][2]/@cx");
		double x3 = number(page, chart + "/*[local-name()='circle'][3]/@cx");
		assertThat((x2 - x1) / (x3 - x2)).isCloseTo(26.0, org.assertj.core.data.Offset.offset(0.1)); // coordinates have 1 decimal
		assertThat(texts(page, chart + "/*[contains(@class, 'x-tick')]")).startsWith("Oct 23", "Oct 30", "Nov 6", "Nov 13");
		assertThat(texts(page, chart + "/*[contains(@class, 'axis-title')]")).containsExactly("Day (2026)", "Net revenue (USD)");
		assertThat(texts(page, chart + "/*[contains(@class, 'y-tick')]")).containsExactly("$0", "$100", "$200", "$300");
		// the revenue table hides the reporting currency nobody set
		assertThat(texts(page, "//*[@id='revenue']//*[local-name()='th']")).doesNotContain("net (reporting)").contains("net");
		// cohorts as a heat map, "–" where a cohort has no month yet
		assertThat(texts(page, "//*[@id='cohorts-USD']//*[local-name()='tbody']/*[local-name()='tr'][2]/*"))
			.containsExactly("2026-11", "4", "$20.00", "\u2013");
		// attribution: ROAS to 2 decimals, "–" for no CPA and no ROAS
		assertThat(texts(page, "//*[@id='attribution']//*[local-name()='tbody']/*[local-name()='tr'][1]/*[local-name()='td']"))
			.containsExactly("last_touch", "facebook", "spring_sale", "USD", "12", "15", "$4,732.40", "$1,000.00", "$83.33",
					"4.73");
		assertThat(texts(page, "//*[@id='attribution']//*[local-name()='tbody']/*[local-name()='tr'][2]/*[local-name()='td']"))
			.endsWith("\u2013", "\u2013");
		// self-contained: nothing loaded from elsewhere
		assertThat(number(page, "count(//*[@src] | //*[@href] | //*[local-name()='script'] | //*[local-name()='link'])"))
			.isZero();
	}

	@Test
	void campaignTouchpointsShowTheirNameAndIdWhereTheNameIsKnownAndTheIdOtherwise() throws Exception {
		// given two Salesforce campaign tags, one of a campaign whose name is known, and an attribution row whose
		// campaign is the named id and one whose campaign is a UTM name
		String trial = "701Dm000000TrialAAA";
		List<LtvReport.Line> lines = List.of(
				new LtvReport.Line("tag", "campaign:" + WEBINAR, "USD", 40, 30000, 20000, 60, 10000, 0, 20000),
				new LtvReport.Line("tag", "campaign:" + trial, "USD", 35, 20000, 10000, 65, 12000, 0, 8000));
		RollupReports.Table empty = new RollupReports.Table("Daily revenue", List.of("day"), List.of());
		RollupReports.Table attribution = new RollupReports.Table("Attribution", List.of("model", "channel", "campaign"),
				List.of(List.of("last_touch", "salesforce", WEBINAR), List.of("last_touch", "facebook", "spring_sale")));
		var data = new HtmlReport.Data("acme", null, null, 30, 5, lines, empty, empty, attribution,
				Map.of(WEBINAR, "Webinar Q3 \"Pricing\""));

		// when
		Document page = parse(HtmlReport.render(data));

		// then: the name with its id where known; the tag as it is otherwise
		assertThat(texts(page, "//*[@id='ltv']//*[local-name()='tbody']/*[local-name()='tr']/*[local-name()='td'][2]"))
			.containsExactly("campaign: Webinar Q3 \"Pricing\" (701Dm000000WebQ3AAA)", "campaign:701Dm000000TrialAAA");
		assertThat(texts(page, "//*[@id='findings']/*[local-name()='li']")).containsExactly(
				"Contacts tagged campaign: Webinar Q3 \"Pricing\" (701Dm000000WebQ3AAA) are worth $300 on average; "
						+ "contacts without it $100 (+$200, 40 vs 60 contacts).",
				"Contacts tagged campaign:701Dm000000TrialAAA are worth $200 on average; contacts without it $120 (+$80, "
						+ "35 vs 65 contacts).");
		assertThat(texts(page, "//*[local-name()='svg'][@id='lift-chart-USD']/*[local-name()='rect']/*[local-name()='title']"))
			.containsExactly("campaign: Webinar Q3 \"Pricing\" (701Dm000000WebQ3AAA): $200.00 (40 vs 60 contacts)",
					"campaign:701Dm000000TrialAAA: $80.00 (35 vs 65 contacts)");
		assertThat(texts(page, "//*[local-name()='svg'][@id='lift-chart-USD']/*[@class='bar-label']"))
			.containsExactly("tag: campaign: Webinar Q3 \"Pricing\"", "tag: campaign:701Dm000000TrialAAA");
		assertThat(texts(page, "//*[@id='attribution']//*[local-name()='tbody']/*[local-name()='tr']/*[local-name()='td'][3]"))
			.containsExactly("Webinar Q3 \"Pricing\" (701Dm000000WebQ3AAA)", "spring_sale");
	}

	private static List<Object> revenueRow(String day, long net) {
		return Arrays.asList(LocalDate.parse(day), "stripe", "USD", 2L, new Money(net, "USD"), new Money(0, "USD"),
				new Money(net, "USD"), 1L, 1L, null);
	}

	private static Document parse(String html) throws Exception {
		var factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		return factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
	}

	private String text(Document page, String expression) throws Exception {
		return xpath.evaluate(expression, page).strip();
	}

	private double number(Document page, String expression) throws Exception {
		return (Double) xpath.evaluate(expression.startsWith("count(") ? expression : "number(" + expression + ")", page,
				XPathConstants.NUMBER);
	}

	private List<String> texts(Document page, String expression) throws Exception {
		NodeList nodes = (NodeList) xpath.evaluate(expression, page, XPathConstants.NODESET);
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			texts.add(nodes.item(i).getTextContent().strip());
		}
		return texts;
	}
}
