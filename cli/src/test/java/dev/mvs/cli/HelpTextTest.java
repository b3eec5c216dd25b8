package dev.mvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * Every command's --help reads as wrapped paragraphs: picocli wraps each description element at the
 * usage width (80 columns), so a sentence split over two elements in the source shows as a short line
 * broken mid-sentence. A line that ends mid-sentence although the next word would have fitted on it
 * is such a break.
 */
class HelpTextTest {

    private static final int WIDTH = 80;
    /** The first line of an option's or a parameter's entry: "  -k=N", "      --mode=MODE", "      QUERY  ". */
    private static final Pattern ENTRY = Pattern.compile("\\s+(-|[A-Z][A-Z_]*\\s{2,})");

    @Test
    void noHelpLineBreaksMidSentenceBeforeTheWidth() {
        List<String> breaks = new ArrayList<>();
        for (var entry : EngineCli.subcommands().entrySet()) {
            String command = entry.getKey();
            if (new CommandLine(entry.getValue().get()).getCommandSpec().usageMessage().hidden()) {
                continue; // internal (aot-training): no --help of its own
            }
            StringWriter out = new StringWriter();
            int code = EngineCli.run(new String[] {command, "--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
            assertEquals(0, code, command);
            String[] lines = out.toString().split("\n");
            int first = 1;
            while (first < lines.length && lines[first].startsWith(" ")) {
                first++; // the synopsis: "Usage: ..." and its indented continuation lines
            }
            for (int i = first; i + 1 < lines.length; i++) {
                String line = lines[i].stripTrailing();
                String next = lines[i + 1].strip();
                if (line.isBlank() || next.isEmpty() || ENTRY.matcher(lines[i + 1]).lookingAt()) {
                    continue; // a paragraph's end, or the next option or parameter
                }
                boolean midSentence = !line.endsWith(".") && !line.endsWith(":") && !line.endsWith(";");
                String nextWord = next.split(" ", 2)[0];
                // picocli fills a line to WIDTH - 1 columns
                if (midSentence && line.length() + 1 + nextWord.length() < WIDTH) {
                    breaks.add(command + ": \"" + line.strip() + "\" / \"" + next + "\"");
                }
            }
        }
        assertTrue(breaks.isEmpty(), "help lines broken before the width:\n" + String.join("\n", breaks));
    }
}
