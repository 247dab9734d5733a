package kspec.assignors;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs each assignment on a worker thread with a time limit. Kafka's general sticky assignment can
 * loop forever on some inputs (SPEC.md AS-14); the oracle then answers that it got no answer, stops
 * the worker and goes on with a fresh one. The main thread never receives the stop. Java 20+ no
 * longer stops threads: there the looping worker is left behind (a daemon) and only costs CPU.
 */
final class WorkerThread {
    /** What Kafka's code threw, unwrapped from the worker's Future. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(Throwable cause) {
            super(cause);
        }
    }

    private ExecutorService executor;
    private Thread thread;

    WorkerThread() {
        start();
    }

    private void start() {
        executor = Executors.newSingleThreadExecutor(task -> {
            thread = new Thread(task, "kspec-assignor");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The task's result; TimeoutException (worker replaced) past `millis`; Failure for what the task threw. */
    <T> T call(Callable<T> task, long millis) throws TimeoutException, Failure, InterruptedException {
        Future<T> future = executor.submit(task);
        try {
            return future.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new Failure(e.getCause());
        } catch (TimeoutException e) {
            replace();
            throw e;
        }
    }

    @SuppressWarnings("removal")
    private void replace() {
        Thread looping = thread;
        executor.shutdownNow();
        try {
            looping.stop();
        } catch (UnsupportedOperationException e) {
            // Java 20+: nothing can stop it; it stays a daemon and dies with the JVM.
        }
        start();
    }
}
