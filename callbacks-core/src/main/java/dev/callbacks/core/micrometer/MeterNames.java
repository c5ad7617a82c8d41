package dev.callbacks.core.micrometer;

/**
 * The names, tag keys and fixed tag values of the meters that {@link MicrometerCallbackHandler}
 * publishes, for dashboards, alerts and meter filters that must not repeat string literals.
 *
 * <p>Every name lives under the {@code langchain.} prefix, so none collides with the
 * {@code gen_ai.*} meters of Spring AI or the OpenTelemetry GenAI conventions, which may share
 * the same registry with different meter types and tag keys. Every meter of one name always
 * carries the same tag keys, as Prometheus requires.
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>Name</th><th>Type</th><th>Tags</th></tr>
 * <tr><td>{@value #RUN}</td><td>Timer</td><td>{@value #TAG_RUN_TYPE}, {@value #TAG_RUN_NAME},
 *     {@value #TAG_OUTCOME}, {@value #TAG_ERROR_TYPE}</td></tr>
 * <tr><td>{@value #RUN_ACTIVE}</td><td>Gauge</td><td>{@value #TAG_RUN_TYPE}</td></tr>
 * <tr><td>{@value #RUN_ABANDONED}</td><td>Counter</td><td>{@value #TAG_RUN_TYPE}, {@value #TAG_REASON}</td></tr>
 * <tr><td>{@value #LLM_TOKENS}</td><td>Counter</td><td>{@value #TAG_TOKEN_TYPE}, {@value #TAG_MODEL}</td></tr>
 * <tr><td>{@value #LLM_TIME_TO_FIRST_TOKEN}</td><td>Timer</td><td>{@value #TAG_RUN_TYPE}, {@value #TAG_MODEL}</td></tr>
 * <tr><td>{@value #CUSTOM_EVENTS}</td><td>Counter</td><td>{@value #TAG_EVENT_NAME}</td></tr>
 * <tr><td>{@value #CALLBACK_ERRORS}</td><td>Counter</td><td>{@value #TAG_HANDLER}, {@value #TAG_EVENT}</td></tr>
 * </table>
 *
 * @see MicrometerCallbackHandler
 */
public final class MeterNames {

    /** Timer of every run, from its start event to its end or error event. */
    public static final String RUN = "langchain.run";

    /** Gauge of the runs in flight (started, not yet ended), per run type. */
    public static final String RUN_ACTIVE = "langchain.run.active";

    /**
     * Counter of runs the handler stopped tracking without seeing their end: expired after the
     * time to live, or evicted as the oldest in flight when a new run exceeded the in-flight limit.
     */
    public static final String RUN_ABANDONED = "langchain.run.abandoned";

    /** Counter of the tokens reported in model usage metadata, per token type and model. */
    public static final String LLM_TOKENS = "langchain.llm.tokens";

    /** Timer of streamed model runs from the start event to the first streamed token. */
    public static final String LLM_TIME_TO_FIRST_TOKEN = "langchain.llm.time.to.first.token";

    /** Counter of custom events, per event name. */
    public static final String CUSTOM_EVENTS = "langchain.custom.events";

    /** Counter of the exceptions handlers threw while receiving events, per handler and event. */
    public static final String CALLBACK_ERRORS = "langchain.callback.errors";

    /** Tag key: the run type as LangChain names it ({@code chain}, {@code chat_model}, ...). */
    public static final String TAG_RUN_TYPE = "run.type";

    /** Tag key: the run name, bounded in cardinality (see {@link #OTHER}). */
    public static final String TAG_RUN_NAME = "run.name";

    /** Tag key: how the run ended, {@value #OUTCOME_SUCCESS} or {@value #OUTCOME_ERROR}. */
    public static final String TAG_OUTCOME = "outcome";

    /** Tag key: the simple class name of a run's exception, or {@value #ERROR_TYPE_NONE}. */
    public static final String TAG_ERROR_TYPE = "error.type";

    /** Tag key: why a run was abandoned, {@value #REASON_EXPIRED} or {@value #REASON_OVERFLOW}. */
    public static final String TAG_REASON = "reason";

    /** Tag key: {@value #TOKEN_TYPE_INPUT} or {@value #TOKEN_TYPE_OUTPUT}. */
    public static final String TAG_TOKEN_TYPE = "token.type";

    /** Tag key: the model name, or {@value #UNKNOWN} when the run did not say. */
    public static final String TAG_MODEL = "model";

    /** Tag key: the name of a custom event. */
    public static final String TAG_EVENT_NAME = "event.name";

    /** Tag key: the class of the handler that threw (simple name, else binary name). */
    public static final String TAG_HANDLER = "handler";

    /** Tag key: the handler method that threw, e.g. {@code onLlmNewToken}. */
    public static final String TAG_EVENT = "event";

    /** Outcome of a run that ended normally. */
    public static final String OUTCOME_SUCCESS = "success";

    /** Outcome of a run that ended with an error event. */
    public static final String OUTCOME_ERROR = "error";

    /** Error type of a successful run. */
    public static final String ERROR_TYPE_NONE = "none";

    /** Prompt tokens. */
    public static final String TOKEN_TYPE_INPUT = "input";

    /** Completion tokens. */
    public static final String TOKEN_TYPE_OUTPUT = "output";

    /** Reason of a run whose end did not arrive within the time to live. */
    public static final String REASON_EXPIRED = "expired";

    /** Reason of a run evicted as the oldest in flight because a new run exceeded the in-flight limit. */
    public static final String REASON_OVERFLOW = "overflow";

    /** Model of a run whose result and start parameters named no model. */
    public static final String UNKNOWN = "unknown";

    /**
     * Tag value standing in for every value beyond a tag's cardinality limit (run names, error
     * types, models, custom event names, handlers), so a misbehaving application cannot create
     * an unbounded number of time series.
     */
    public static final String OTHER = "other";

    private MeterNames() {
    }
}
