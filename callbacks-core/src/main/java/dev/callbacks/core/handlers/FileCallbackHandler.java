package dev.callbacks.core.handlers;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes LangChain's verbose text to a UTF-8 file (upstream's {@code FileCallbackHandler}): the
 * same text as {@link StdOutCallbackHandler} without the bold codes; colour codes are written
 * only when {@link PrintOptions#color() a colour} is configured, as upstream does.
 *
 * <p>The file is opened by the constructor and stays open until {@link #close()}; every event is
 * flushed, so the file is complete after each event even if the handler is never closed. Writes
 * of concurrent runs are serialised, one event at a time. An event arriving after {@code close}
 * fails with an {@link IllegalStateException} (which the dispatcher logs; the run goes on). A
 * handler that becomes unreachable without being closed releases its file descriptor when
 * garbage-collected.
 */
public class FileCallbackHandler extends TextCallbackHandler implements Closeable {

    // One cleaner thread for all handlers; it only closes files that were never closed explicitly.
    private static final Cleaner CLEANER = Cleaner.create();

    /** What to do with the file's existing content. */
    public enum Mode {

        /** Keep the content and write after it (upstream's {@code mode="a"}, the default). */
        APPEND,

        /** Discard the content first (upstream's {@code mode="w"}). */
        OVERWRITE
    }

    private final Object lock = new Object();

    private final Path path;

    private final Writer writer;

    private final Cleaner.Cleanable cleanable;

    private boolean closed;

    /**
     * Opens the file for appending, creating it if needed.
     * @param path the file to write to
     * @throws UncheckedIOException if the file cannot be opened; the message names the path and why
     */
    public FileCallbackHandler(Path path) {
        this(path, Mode.APPEND, PrintOptions.DEFAULTS);
    }

    /**
     * Opens the file, creating it if needed.
     * @param path the file to write to
     * @param mode whether to append to or overwrite existing content
     * @throws UncheckedIOException if the file cannot be opened; the message names the path and why
     */
    public FileCallbackHandler(Path path, Mode mode) {
        this(path, mode, PrintOptions.DEFAULTS);
    }

    /**
     * Opens the file, creating it if needed.
     * @param path the file to write to
     * @param mode whether to append to or overwrite existing content
     * @param options the colour and tool-output prefixes
     * @throws UncheckedIOException if the file cannot be opened; the message names the path and why
     */
    public FileCallbackHandler(Path path, Mode mode, PrintOptions options) {
        super(options, Decoration.COLOR_ONLY);
        this.path = Objects.requireNonNull(path, "path must not be null");
        Objects.requireNonNull(mode, "mode must not be null");
        this.writer = open(path, mode);
        this.cleanable = CLEANER.register(this, new Closer(this.writer, path));
    }

    /** Returns the file this handler writes to. */
    public Path path() {
        return this.path;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        synchronized (this.lock) {
            return this.closed;
        }
    }

    @Override
    void write(String text) {
        synchronized (this.lock) {
            if (this.closed) {
                throw new IllegalStateException("FileCallbackHandler for '" + this.path
                        + "' is closed; create a new handler to write to the file again");
            }
            if (text.isEmpty()) {
                return;
            }
            try {
                this.writer.write(text);
                this.writer.flush();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(
                        "Cannot write to callback file '" + this.path + "': " + reason(this.path, ex), ex);
            }
        }
    }

    /**
     * Closes the file. Calling it again has no effect.
     * @throws UncheckedIOException if closing the file fails
     */
    @Override
    public void close() {
        synchronized (this.lock) {
            this.closed = true;
        }
        // The cleanable closes the file at most once, however often and from whichever thread.
        this.cleanable.clean();
    }

    @Override
    public String toString() {
        return "FileCallbackHandler[" + this.path + "]";
    }

    private static Writer open(Path path, Mode mode) {
        if (Files.isDirectory(path)) {
            String message = "Cannot open callback file '" + path + "': it is a directory; pass the path of a file";
            throw new UncheckedIOException(message, new FileSystemException(path.toString(), null, "is a directory"));
        }
        StandardOpenOption existing = (mode == Mode.APPEND) ? StandardOpenOption.APPEND
                : StandardOpenOption.TRUNCATE_EXISTING;
        try {
            return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, existing), StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot open callback file '" + path + "': " + reason(path, ex), ex);
        }
    }

    private static String reason(Path path, IOException ex) {
        if (ex instanceof NoSuchFileException) {
            Path parent = path.toAbsolutePath().getParent();
            return (parent != null) ? "the directory '" + parent + "' does not exist" : "the path does not exist";
        }
        if (ex instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (ex instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
    }

    /** Closes the writer; holds no reference to the handler, as a cleaning action must not. */
    private record Closer(Writer writer, Path path) implements Runnable {

        @Override
        public void run() {
            try {
                this.writer.close();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(
                        "Cannot close callback file '" + this.path + "': " + reason(this.path, ex), ex);
            }
        }
    }
}
