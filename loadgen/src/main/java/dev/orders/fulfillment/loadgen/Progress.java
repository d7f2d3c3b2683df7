package dev.orders.fulfillment.loadgen;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live line: sent, accepted, errors, the rate of the last second, requests in flight, orders settled per path.
 * Rewritten in place on a terminal; a plain line every five seconds otherwise (CI logs, docker compose run -T).
 */
final class Progress implements AutoCloseable {

    private final Stats stats;
    private final PrintStream out;
    private final boolean terminal;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "loadgen-progress");
        thread.setDaemon(true);
        return thread;
    });
    private long lastSent;
    private long ticks;

    Progress(Stats stats, PrintStream out, boolean terminal) {
        this.stats = stats;
        this.out = out;
        this.terminal = terminal;
    }

    Progress start() {
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    private void tick() {
        long sent = stats.sent.sum();
        long rate = sent - lastSent;
        lastSent = sent;
        ticks++;
        if (!terminal && ticks % 5 != 0) {
            return;
        }
        StringBuilder settled = new StringBuilder();
        stats.settled.forEach((path, count) ->
                settled.append(' ').append(path.wireName()).append(' ').append(count.sum()));
        String line = String.format(
                Locale.ROOT,
                "sent %d  accepted %d  errors %d  %d/s  in flight %d  settled:%s",
                sent,
                stats.accepted.sum(),
                stats.errors(),
                rate,
                stats.inFlight.get(),
                settled);
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        tick();
        if (terminal) {
            out.println();
        }
    }
}
