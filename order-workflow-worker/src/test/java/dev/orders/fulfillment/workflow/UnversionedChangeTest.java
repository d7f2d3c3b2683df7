package dev.orders.fulfillment.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the replay test is for, shown on the real workflow: its source is changed the way a hurried edit would change
 * it (the review notice sent before the held state is recorded), compiled, and replayed over the recorded
 * histories. Unversioned, the change breaks every order that was held for review; the same change behind
 * {@code Workflow.getVersion} replays them all.
 */
class UnversionedChangeTest {

    private static final Path SOURCE =
            Path.of("src/main/java/dev/orders/fulfillment/workflow/OrderFulfillmentWorkflowImpl.java");
    private static final String TODAY = """
                    recordState();
                    notifyCustomer(NotificationType.MANUAL_REVIEW, "Your order is under review.");
            """;
    private static final String NOTICE_FIRST = """
                    notifyCustomer(NotificationType.MANUAL_REVIEW, "Your order is under review.");
                    recordState();
            """;
    private static final String NOTICE_FIRST_VERSIONED = """
                    if (Workflow.getVersion("review-notice-first", Workflow.DEFAULT_VERSION, 1) >= 1) {
                        notifyCustomer(NotificationType.MANUAL_REVIEW, "Your order is under review.");
                        recordState();
                    } else {
                        recordState();
                        notifyCustomer(NotificationType.MANUAL_REVIEW, "Your order is under review.");
                    }
            """;

    @TempDir
    Path work;

    @Test
    void anUnversionedChangeToAStepFailsReplay() throws Exception {
        Class<?> changed = compile(NOTICE_FIRST);

        for (Path history : recorded("review-approved", "review-rejected", "cancelled-in-review")) {
            assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(history.toFile(), changed))
                    .as(history.toString())
                    // Temporal's code for a non-deterministic replay (a history that ended in a wait replays through
                    // a query, which wraps the NonDeterministicException)
                    .hasMessageContaining("[TMPRL1100]")
                    .hasMessageContaining("does not match command type");
        }
    }

    @Test
    void theSameChangeBehindGetVersionReplaysEveryHistory() throws Exception {
        Class<?> changed = compile(NOTICE_FIRST_VERSIONED);

        for (Path history : recorded()) {
            WorkflowReplayer.replayWorkflowExecution(history.toFile(), changed);
        }
    }

    /** Today's workflow with {@link #TODAY} replaced, compiled, loaded beside (not over) the tests' own classes. */
    private Class<?> compile(String replacement) throws IOException, ClassNotFoundException {
        String source = Files.readString(SOURCE);
        assertThat(source)
                .as("the lines this test changes are still in " + SOURCE)
                .contains(TODAY);
        Path sources = work.resolve("src/dev/orders/fulfillment/workflow");
        Files.createDirectories(sources);
        Files.writeString(sources.resolve(SOURCE.getFileName()), source.replace(TODAY, replacement));
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(
                null,
                null,
                null,
                "-proc:none",
                "-d",
                classes.toString(),
                "-classpath",
                System.getProperty("java.class.path"),
                sources.resolve(SOURCE.getFileName()).toString());
        assertThat(status).as("javac's exit status").isZero();
        return new PackageFirstLoader(
                        new URL[] {
                            classes.toUri().toURL(),
                            Path.of("target/classes").toUri().toURL()
                        },
                        getClass().getClassLoader())
                .loadClass(OrderFulfillmentWorkflowImpl.class.getName());
    }

    private static List<Path> recorded(String... paths) throws Exception {
        return RecordedHistoryReplayTest.histories()
                .map(args -> (Path) args[1])
                .filter(p -> paths.length == 0
                        || List.of(paths).stream()
                                .anyMatch(name -> p.getFileName().toString().equals(name + ".json")))
                .toList();
    }

    /**
     * Loads the workflow's package itself (the changed class, and its package-private helpers beside it, which must
     * share its loader to be reachable), everything else from the tests' loader.
     */
    private static final class PackageFirstLoader extends URLClassLoader {
        private static final String PACKAGE = OrderFulfillmentWorkflowImpl.class.getPackageName() + ".";

        PackageFirstLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith(PACKAGE) && name.substring(PACKAGE.length()).indexOf('.') < 0) {
                    Class<?> loaded = findLoadedClass(name);
                    if (loaded == null) {
                        loaded = findClass(name);
                    }
                    if (resolve) {
                        resolveClass(loaded);
                    }
                    return loaded;
                }
                return super.loadClass(name, resolve);
            }
        }
    }
}
