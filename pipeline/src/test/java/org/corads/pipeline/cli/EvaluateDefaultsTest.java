package org.corads.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code evaluate} reproduces a report from the folder it came from: the reference, seed and iterations recorded in
 * the {@code metrics.json} beside the predictions are its defaults; without them a file of several models needs
 * {@code --reference}; fewer than 200 resamples are warned about.
 */
class EvaluateDefaultsTest {
    @TempDir
    Path dir;

    private record Run(int exit, String err) {}

    private static Run evaluate(String... args) {
        CommandLine c = CliConfiguration.configure(new CommandLine(new CoradsCommand()));
        StringWriter err = new StringWriter();
        c.setErr(new PrintWriter(err));
        c.setOut(new PrintWriter(new StringWriter()));
        String[] all = new String[args.length + 1];
        all[0] = "evaluate";
        System.arraycopy(args, 0, all, 1, args.length);
        return new Run(c.execute(all), err.toString());
    }

    /** Three models on 40 scans; B is the first column alphabetically but not the study's reference. */
    private Path predictions(Path folder) throws Exception {
        StringBuilder sb = new StringBuilder("scan_id,patient_id,label,model,score\n");
        for (int i = 0; i < 40; i++) {
            int grade = 1 + i % 5;
            double good = Math.min(1, Math.max(0, (grade - 1) / 4.0 + ((i * 37) % 11 - 5) / 40.0));
            for (String m : new String[]{"B-noise", "C-study", "D-other"}) {
                double s = m.startsWith("C") ? good : ((i * (m.startsWith("B") ? 53 : 29)) % 17) / 16.0;
                sb.append("s").append(i).append(",p").append(i / 2).append(',').append(grade).append(',').append(m)
                        .append(',').append(s).append('\n');
            }
        }
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve("predictions.csv"), sb.toString());
    }

    @Test
    void aReportFolderIsReproducedByteForByteWithoutRepeatingItsSettings() throws Exception {
        Path csv = predictions(dir.resolve("study-report"));
        Run first = evaluate(csv.toString(), dir.resolve("study-report").toString(), "--reference", "C-study", "--seed",
                "2026", "--iterations", "200");
        assertThat(first.exit()).as(first.err()).isZero();
        Run again = evaluate(csv.toString(), dir.resolve("again").toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).contains("reference C-study, seed 2026, 200 iterations");
        assertThat(Files.readAllBytes(dir.resolve("again/metrics.json")))
                .isEqualTo(Files.readAllBytes(dir.resolve("study-report/metrics.json")));
    }

    @Test
    void withoutARecordedReferenceSeveralModelsNeedOneNamed() throws Exception {
        Path csv = predictions(dir.resolve("loose"));
        Run r = evaluate(csv.toString(), dir.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(dir.resolve("out/metrics.json")).doesNotExist();
    }

    @Test
    void fewerThan200ResamplesAreWarnedAbout() throws Exception {
        Path csv = predictions(dir.resolve("few"));
        Run r = evaluate(csv.toString(), dir.resolve("out").toString(), "--reference", "C-study", "--iterations", "10");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: 10 bootstrap iterations").contains("use at least 200");
        Run enough = evaluate(csv.toString(), dir.resolve("out2").toString(), "--reference", "C-study");
        assertThat(enough.err()).doesNotContain("warning");
    }
}
