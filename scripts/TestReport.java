import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Run by {@code make test} after the build, with nothing but the JDK ({@code java scripts/TestReport.java}): what the
 * tests said for the reader, gathered from Surefire's reports, which keep the tests' own output out of the console.
 * Prints each skipped test with its reason, and the lines tests mark with {@code report: } (which Temporal the
 * end-to-end tests ran on, say).
 */
public class TestReport {

    public static void main(String[] args) throws Exception {
        List<Path> reports;
        try (Stream<Path> files = Files.walk(Path.of("."), 4)) {
            reports = files.filter(path -> path.getParent() != null
                    && path.getParent().endsWith(Path.of("target", "surefire-reports"))).sorted().toList();
        }
        StringBuilder skipped = new StringBuilder();
        StringBuilder notes = new StringBuilder();
        for (Path report : reports) {
            String name = report.getFileName().toString();
            if (name.startsWith("TEST-") && name.endsWith(".xml")) {
                skipped.append(skippedIn(report));
            } else if (name.endsWith("-output.txt")) {
                for (String line : Files.readAllLines(report)) {
                    if (line.startsWith("report: ")) {
                        notes.append("  ").append(line.substring("report: ".length())).append('\n');
                    }
                }
            }
        }
        System.out.println();
        System.out.print(notes.isEmpty() ? "" : "What the tests ran on:\n" + notes);
        System.out.print(skipped.isEmpty() ? "No test was skipped.\n" : "Skipped, and why:\n" + skipped);
    }

    private static String skippedIn(Path report) throws Exception {
        StringBuilder lines = new StringBuilder();
        NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
                .getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element test = (Element) cases.item(i);
            NodeList skips = test.getElementsByTagName("skipped");
            if (skips.getLength() > 0) {
                String className = test.getAttribute("classname");
                Element skip = (Element) skips.item(0);
                // @Disabled... conditions give a message; an aborted assumption only its exception, first line
                String message = skip.getAttribute("message").isBlank()
                        ? skip.getTextContent().strip().lines().findFirst().orElse("")
                                .replaceFirst("^[\\w.]+Exception: ", "")
                        : skip.getAttribute("message");
                lines.append("  ").append(className.substring(className.lastIndexOf('.') + 1)).append('.')
                        .append(test.getAttribute("name").replaceFirst("\\(.*", "")).append(": ")
                        .append(message.isBlank() ? "(no reason given)" : message).append('\n');
            }
        }
        return lines.toString();
    }
}
