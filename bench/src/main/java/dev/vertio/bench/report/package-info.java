/** The bench's report: Markdown with ratios, CSV and a chart. */
package dev.vertio.bench.report;
