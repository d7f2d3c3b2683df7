package dev.orders.fulfillment.localstack;

import java.io.Console;

/** Every line the launcher prints: behind the padded name of who said it, coloured when stdout is a terminal. */
final class Terminal {

    private static final int NAME_WIDTH = "order-workflow-worker".length();
    private static final String[] COLOURS = {"36", "32", "33", "35", "34", "96", "92"};
    private static final boolean COLOUR = System.getenv("NO_COLOR") == null && stdoutIsTerminal();
    private static final String LAUNCHER = prefix("local-stack", "1");

    private Terminal() {}

    static String prefix(Service service) {
        return prefix(service.moduleName(), COLOURS[service.ordinal() % COLOURS.length]);
    }

    static void print(String prefix, String line) {
        System.out.println(prefix + line);
    }

    /** The launcher's own messages. */
    static void say(String message) {
        print(LAUNCHER, message);
    }

    private static String prefix(String name, String colour) {
        String padded = String.format("%-" + NAME_WIDTH + "s | ", name);
        return COLOUR ? "\u001b[" + colour + "m" + padded + "\u001b[0m" : padded;
    }

    private static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // From JDK 22 a Console exists even when output is redirected; isTerminal() (22+) tells the difference.
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
