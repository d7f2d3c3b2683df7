package dev.orders.fulfillment.localstack;

import io.temporal.testserver.TestServer;
import java.lang.reflect.Field;
import java.util.LinkedList;
import java.util.concurrent.locks.Lock;

/**
 * Stops the Temporal test server (SDK 1.38) from keeping its time-skipping lock log, which it never trims.
 *
 * <p>The server's self-advancing timer appends an event to a {@code LinkedList} for every time-skipping lock and
 * unlock (about 30 per order here) and keeps them all "for debugging"; every timer that fires or is cancelled then
 * removes its own event by scanning that list from the oldest end. Memory grows without bound and each timer costs
 * time proportional to everything the server has ever done: after 5,000 orders the list held 151,000 events and
 * {@code LinkedList.remove} took 84% of the launcher's CPU (a JFR profile under load, recorded in the benchmark
 * report). A real Temporal server has no such log. The list only feeds a diagnostic message, so it is replaced by
 * one that records nothing and accepts every removal; locking itself is untouched.
 */
final class TestServerLockLog {

    private TestServerLockLog() {}

    /** Returns false, leaving the server as it was, when this SDK version's internals are not the expected ones. */
    static boolean stopRecording(TestServer.PortBoundTestServer server) {
        try {
            Object starter = read(server, "testServicesStarter");
            Object timer = read(starter, "selfAdvancingTimer");
            Lock lock = (Lock) read(timer, "lock");
            Field events = timer.getClass().getDeclaredField("lockEvents");
            events.setAccessible(true);
            lock.lock(); // the timer touches the list only under this lock
            try {
                events.set(timer, new Unrecorded<>());
            } finally {
                lock.unlock();
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** The size of the server's lock log (for the test that proves it stays empty); -1 when it cannot be read. */
    static int recorded(TestServer.PortBoundTestServer server) {
        try {
            return ((LinkedList<?>) read(read(read(server, "testServicesStarter"), "selfAdvancingTimer"), "lockEvents"))
                    .size();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    private static Object read(Object owner, String name) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }

    /** Keeps nothing; a removal always "finds" its event, as the timer's balance check expects. */
    private static final class Unrecorded<E> extends LinkedList<E> {
        @Override
        public boolean add(E event) {
            return true;
        }

        @Override
        public boolean remove(Object event) {
            return true;
        }
    }
}
