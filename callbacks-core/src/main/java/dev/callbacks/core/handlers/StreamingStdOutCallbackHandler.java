package dev.callbacks.core.handlers;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.RunInfo;
import dev.callbacks.core.schema.BaseMessage;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.Serialized;
import org.jspecify.annotations.Nullable;

/**
 * Writes every streamed token to standard output as it arrives and flushes, so a model's answer
 * appears word by word (upstream's {@code StreamingStdOutCallbackHandler}). Every other event is
 * ignored; tokens are written as they are, without separators or a final newline.
 */
public class StreamingStdOutCallbackHandler implements CallbackHandler {

    private final @Nullable PrintStream out;

    /** Creates a handler writing to {@link System#out} (looked up at each token). */
    public StreamingStdOutCallbackHandler() {
        this.out = null;
    }

    /**
     * Creates a handler writing to the given stream.
     * @param out the stream to write tokens to
     */
    public StreamingStdOutCallbackHandler(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out must not be null");
    }

    @Override
    public void onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
        PrintStream target = (this.out != null) ? this.out : System.out;
        target.print(token);
        target.flush();
    }

    /** Does nothing; overridden so that chat starts do not fall back to {@code onLlmStart}. */
    @Override
    public void onChatModelStart(RunInfo run, Serialized serialized, List<List<BaseMessage>> messages,
            Map<String, Object> invocationParams) {
    }
}
