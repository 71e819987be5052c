package org.corads.steps.report;

import java.util.Base64;
import java.util.Map;
import org.corads.steps.eval.MetricsDocument;

/** One self-contained HTML page: tables and the figures embedded as data URIs; no external resources. */
final class HtmlReport {

    private HtmlReport() {}

    static String render(MetricsDocument m, String markdownTable, Map<String, byte[]> pngs) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>CO-RADS evaluation</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}")
                .append("table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #bbb;padding:4px 8px;text-align:left}th{background:#eef}")
                .append("img{max-width:100%;border:1px solid #ddd;margin:.5em 0}")
                .append(".notice{background:#fff4ce;border-left:6px solid #e0a800;padding:.6em 1em;margin:.6em 0;")
                .append("font-weight:bold}td{font-variant-numeric:tabular-nums}</style></head><body>\n")
                .append("<h1>CO-RADS grading: evaluation</h1>\n");
        sb.append(tables(markdownTable));
        for (Map.Entry<String, byte[]> e : pngs.entrySet()) {
            sb.append("<h2>").append(esc(e.getKey())).append("</h2>\n<img alt=\"").append(esc(e.getKey()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(e.getValue()))
                    .append("\">\n");
        }
        sb.append("<p>Degenerate bootstrap resamples (one class only) are left out of a metric's interval "
                + "and counted in ").append("<code>metrics.json</code>.</p>\n</body></html>\n");
        return sb.toString();
    }

    /** Renders the pipe tables and headings of {@link MarkdownTable} as HTML. */
    private static String tables(String md) {
        StringBuilder sb = new StringBuilder();
        boolean header = true;
        boolean inTable = false;
        for (String line : md.split("\n")) {
            if (line.startsWith("> ")) {
                sb.append("<div class=\"notice\">").append(esc(line.substring(2))).append("</div>\n");
            } else if (line.startsWith("## ")) {
                sb.append("<h2>").append(esc(line.substring(3))).append("</h2>\n");
            } else if (line.startsWith("|---")) {
                header = false;
            } else if (line.startsWith("|")) {
                if (!inTable) {
                    sb.append("<table>\n");
                    inTable = true;
                    header = true;
                }
                String cell = header ? "th" : "td";
                sb.append("<tr>");
                for (String c : line.substring(1, line.length() - 1).split("\\|")) {
                    sb.append('<').append(cell).append('>').append(esc(c.strip())).append("</").append(cell)
                            .append('>');
                }
                sb.append("</tr>\n");
            } else {
                if (inTable) {
                    sb.append("</table>\n");
                    inTable = false;
                }
                if (!line.isBlank()) {
                    sb.append("<p>").append(esc(line)).append("</p>\n");
                }
            }
        }
        if (inTable) {
            sb.append("</table>\n");
        }
        return sb.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
