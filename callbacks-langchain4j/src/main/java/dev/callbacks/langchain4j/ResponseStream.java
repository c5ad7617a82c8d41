package dev.callbacks.langchain4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

import dev.callbacks.core.json.LangChainJson;
import dev.callbacks.core.schema.AIMessageChunk;
import dev.callbacks.core.schema.ChatGenerationChunk;
import dev.callbacks.core.schema.ToolCall;
import dev.callbacks.core.schema.ToolCallChunk;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import org.jspecify.annotations.Nullable;

/**
 * One LangChain4j streaming call as an iterator of our chunks: a chunk per partial response, then
 * a last chunk from the complete response with its usage, finish reason and tool calls (and any
 * text the provider did not stream). LangChain4j calls the handler on its own thread; a bounded
 * queue hands the events to the consumer, so a slow consumer holds the producer back rather than
 * growing memory. Closing the iterator early cancels the stream when the provider offers a handle
 * and drops whatever arrives later.
 */
final class ResponseStream implements StreamingChatResponseHandler, Iterator<ChatGenerationChunk>, AutoCloseable {

    private static final int CAPACITY = 1024;

    private final BlockingQueue<Object> events = new ArrayBlockingQueue<>(CAPACITY);

    private volatile boolean closed;

    private volatile @Nullable StreamingHandle handle;

    /** The text yielded so far, to find what the complete response adds. Consumer thread only. */
    private final StringBuilder streamed = new StringBuilder();

    private @Nullable ChatGenerationChunk pending;

    private boolean done;

    // Producer side: LangChain4j's thread.

    @Override
    public void onPartialResponse(String partialResponse) {
        put(partialResponse);
    }

    @Override
    public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
        this.handle = context.streamingHandle();
        put(partialResponse.text());
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
        put(completeResponse);
    }

    @Override
    public void onError(Throwable error) {
        put(new Failure(error));
    }

    private void put(@Nullable Object event) {
        if (event == null) {
            return;
        }
        try {
            while (!this.closed) {
                if (this.events.offer(event, 50, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    // Consumer side: the caller's thread.

    /** Waits for the complete response, skipping the partial ones; for calls that do not stream to the caller. */
    ChatResponse awaitResponse() {
        while (true) {
            Object event = take();
            if (event instanceof ChatResponse response) {
                this.done = true;
                return response;
            }
        }
    }

    @Override
    public boolean hasNext() {
        if (this.pending != null) {
            return true;
        }
        if (this.done) {
            return false;
        }
        Object event = take();
        if (event instanceof String token) {
            this.streamed.append(token);
            this.pending = ChatGenerationChunk.of(AIMessageChunk.of(token));
        }
        else {
            this.done = true;
            this.pending = ChatGenerationChunk.of(lastChunk((ChatResponse) event));
        }
        return true;
    }

    @Override
    public ChatGenerationChunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the LangChain4j stream has ended");
        }
        ChatGenerationChunk chunk = this.pending;
        this.pending = null;
        return chunk;
    }

    private AIMessageChunk lastChunk(ChatResponse response) {
        String rest = "";
        if (response.aiMessage() != null) {
            String text = LangChain4jMessages.text(response.aiMessage().text());
            String sofar = this.streamed.toString();
            // Some providers stream nothing and answer only in the complete response.
            rest = text.startsWith(sofar) ? text.substring(sofar.length()) : "";
        }
        List<ToolCallChunk> toolCalls = new ArrayList<>();
        if (response.aiMessage() != null) {
            List<ToolCall> calls = LangChain4jMessages.toolCalls(response.aiMessage());
            for (int i = 0; i < calls.size(); i++) {
                ToolCall call = calls.get(i);
                toolCalls.add(ToolCallChunk.of(call.id(), call.name(), LangChainJson.write(call.args()), i));
            }
        }
        return new AIMessageChunk(rest, toolCalls, LangChain4jMessages.usage(response.tokenUsage()),
                AdapterConversions.responseMetadata(response), "");
    }

    private Object take() {
        Object event;
        try {
            event = this.events.take();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            close();
            throw new CancellationException("interrupted while waiting for the LangChain4j stream");
        }
        if (event instanceof Failure failure) {
            this.done = true;
            throw rethrown(failure.error());
        }
        return event;
    }

    /** The user's exception unchanged when it can be thrown as is. */
    private static RuntimeException rethrown(Throwable error) {
        if (error instanceof RuntimeException runtime) {
            return runtime;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return new IllegalStateException("the LangChain4j stream failed: " + error, error);
    }

    @Override
    public void close() {
        this.closed = true;
        StreamingHandle streaming = this.handle;
        if (streaming != null && !this.done && !streaming.isCancelled()) {
            streaming.cancel();
        }
        this.events.clear();
    }

    /** A failure reported by LangChain4j, queued like the other events. */
    private record Failure(Throwable error) {
    }
}
