package org.corads.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corads.pipeline.cli.CliConfiguration;
import org.corads.pipeline.cli.CoradsCommand;
import org.corads.steps.report.EvaluationReport;
import org.corads.testkit.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code evaluate}: a valid file gives every output (the packaged app); malformed files exit 2 with the line (the same
 * command and exit-code policy in process, one row after another).
 */
class EvaluateCliTest {
    private static final String COLUMNS = "scan_id,patient_id,label,model,score";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "scan_id,patient_id,label,model,score\n";

    @TempDir
    Path dir;

    static String validRows() {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < 40; i++) {
            int grade = 1 + i % 5;
            double a = Math.min(1, Math.max(0, (grade - 1) / 4.0 + ((i * 37) % 11 - 5) / 40.0));
            double b = ((i * 53) % 17) / 16.0;
            sb.append("s").append(i).append(",p").append(i / 2).append(',').append(grade).append(",A,").append(a)
                    .append('\n');
            sb.append("s").append(i).append(",p").append(i / 2).append(',').append(grade).append(",B,").append(b)
                    .append('\n');
        }
        return sb.toString();
    }

    @Test
    void aValidFileGivesMetricsPlotsAndASelfContainedReport() throws Exception {
        Path csv = dir.resolve("pred.csv");
        Files.writeString(csv, validRows());
        Path out = dir.resolve("out");
        CliRun r = CliRun.run("1g", 120, "evaluate", csv.toString(), out.toString(), "--reference", "A", "--iterations",
                "300", "--seed", "7");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        for (String f : EvaluationReport.FILES) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
        assertThat(m.get("models").get("A").get("auc").asDouble()).isGreaterThan(0.8);
        assertThat(m.get("models").get("A").get("auc_ci")).hasSize(2);
        assertThat(m.get("models").get("A").get("confusion")).hasSize(5);
        assertThat(m.get("comparisons").get(0).get("a").asText()).isEqualTo("A");
        assertThat(m.get("comparisons").get(0).get("p_auc").asDouble()).isLessThan(0.05);
        assertThat(m.get("bootstrap").get("seed").asLong()).isEqualTo(7);
        assertThat(m.get("patients").asInt()).isEqualTo(20);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("data:image/png;base64,").doesNotContain("src=\"http").doesNotContain("href=\"http");
        assertThat(Files.readString(out.resolve("roc.svg")).contains("<svg xmlns")).isTrue();
        // same seed, same numbers
        CliRun again = CliRun.run("1g", 120, "evaluate", csv.toString(), dir.resolve("out2").toString(), "--reference",
                "A", "--iterations", "300", "--seed", "7");
        assertThat(Files.readString(dir.resolve("out2").resolve("metrics.json")))
                .isEqualTo(Files.readString(out.resolve("metrics.json")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "missing column;scan_id,patient_id,label,score\\ns1,p1,3,0.5;line 1: missing column 'model'",
            "score above one;" + COLUMNS + "\\ns1,p1,3,A,0.5\\ns2,p2,4,A,1.5;line 3: score 1.5 is outside [0, 1]",
            "negative score;scan_id,patient_id,label,model,score\\ns1,p1,3,A,-0.1;line 2: score -0.1 is outside [0, 1]",
            "not a number;scan_id,patient_id,label,model,score\\ns1,p1,3,A,high;line 2: score 'high' is not a number",
            "unknown label;" + COLUMNS + "\\ns1,p1,3,A,0.5\\ns2,p2,7,A,0.5;line 3: unknown label '7'",
            "duplicate scan;" + COLUMNS + "\\ns1,p1,3,A,0.5\\ns2,p2,2,A,0.5\\ns1,p1,3,A,0.4;"
                    + "line 4: scan 's1' appears twice for model 'A'",
            "mixed systems;" + COLUMNS + "\\ns1,p1,3,A,0.5\\ns2,p2,Control,A,0.5;line 3: label 'Control' is ICTCF",
            "bad grade;" + COLUMNS + ",grade\\ns1,p1,3,A,0.5,6;line 2: grade '6' is not an integer 1–5",
            "empty field;scan_id,patient_id,label,model,score\\ns1,,3,A,0.5;line 2: empty 'patient_id'",
            "model lacks a scan;" + COLUMNS
                    + "\\ns1,p1,3,A,0.5\\ns2,p2,1,A,0.2\\ns1,p1,3,B,0.5;model 'B' has 1 of 2 scans",
            "no rows;scan_id,patient_id,label,model,score;no prediction rows"})
    void malformedPredictionsExitTwoNamingTheLine(String name, String content, String phrase) throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, content.replace("\\n", "\n") + "\n");
        // the command in process (the packaged app's exit-code policy, without a JVM start per row)
        CommandLine cli = CliConfiguration.configure(new CommandLine(new CoradsCommand()));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int exit = cli.execute("evaluate", csv.toString(), dir.resolve("out").toString());
        assertThat(exit).as(err.toString()).isEqualTo(2);
        assertThat(err.toString().lines().filter(l -> !l.isBlank())).singleElement().asString().contains("bad.csv")
                .contains(phrase);
        assertThat(dir.resolve("out").resolve("metrics.json")).doesNotExist();
    }
}
