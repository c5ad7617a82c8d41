package dev.callbacks.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.CallbackExecutor;
import dev.callbacks.core.GlobalCallbacks;
import dev.callbacks.core.HandlerErrorListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Registers an application context's callback handlers in {@link GlobalCallbacks} while the
 * context runs, and removes exactly those again when it stops, so that a context that stopped
 * leaves nothing behind for the next one in the same JVM (as in tests). The registry is
 * process-wide: while two contexts run at once, each one's handlers also receive the other's
 * runs.
 *
 * <p>On start it collects every {@link BaseCallbackHandler} bean and every
 * {@link HandlerErrorListener} bean in {@link org.springframework.core.annotation.Order @Order},
 * lets the {@link GlobalCallbacksRegistryCustomizer}s adjust the lists, then registers the handlers as
 * global handlers and the listeners as error listeners, installs the context's
 * {@link CallbackExecutor} for async handlers and, when asked, turns fail-fast on. On stop (or
 * destruction, if the context failed before it started) it removes what it added and puts back
 * the executor and the fail-fast setting it replaced, unless another context replaced them in the
 * meantime. A handler that was already registered globally by someone else is left alone.
 *
 * <p>It starts in phase {@value #PHASE}, before the web server accepts requests, and stops after
 * the web server stopped.
 */
public final class GlobalCallbacksRegistrar implements SmartLifecycle, DisposableBean {

    /** The lifecycle phase: early start, late stop. */
    public static final int PHASE = 0;

    private static final Logger logger = LoggerFactory.getLogger(GlobalCallbacksRegistrar.class);

    private final ObjectProvider<BaseCallbackHandler> handlers;

    private final ObjectProvider<HandlerErrorListener> errorListeners;

    private final ObjectProvider<GlobalCallbacksRegistryCustomizer> customizers;

    private final CallbackExecutor executor;

    private final boolean failFast;

    private final Object lock = new Object();

    private List<BaseCallbackHandler> addedHandlers = List.of();

    private List<HandlerErrorListener> addedErrorListeners = List.of();

    private @Nullable CallbackExecutor previousExecutor;

    private boolean previousFailFast;

    private volatile boolean running;

    /**
     * Creates a registrar.
     * @param handlers the handler beans
     * @param errorListeners the handler-error listener beans
     * @param customizers the customizers
     * @param executor the executor to install for async handlers
     * @param failFast whether to turn fail-fast on while running
     */
    public GlobalCallbacksRegistrar(ObjectProvider<BaseCallbackHandler> handlers,
            ObjectProvider<HandlerErrorListener> errorListeners, ObjectProvider<GlobalCallbacksRegistryCustomizer> customizers,
            CallbackExecutor executor, boolean failFast) {
        this.handlers = Objects.requireNonNull(handlers, "handlers must not be null");
        this.errorListeners = Objects.requireNonNull(errorListeners, "errorListeners must not be null");
        this.customizers = Objects.requireNonNull(customizers, "customizers must not be null");
        this.executor = Objects.requireNonNull(executor, "executor must not be null");
        this.failFast = failFast;
    }

    @Override
    public void start() {
        synchronized (this.lock) {
            if (this.running) {
                return;
            }
            Registry registry = new Registry();
            this.handlers.orderedStream().forEach(registry::addHandler);
            this.errorListeners.orderedStream().forEach(registry::addErrorListener);
            this.customizers.orderedStream().forEach((customizer) -> customizer.customize(registry));
            List<BaseCallbackHandler> present = GlobalCallbacks.handlers();
            List<BaseCallbackHandler> added = new ArrayList<>();
            for (BaseCallbackHandler handler : registry.handlers) {
                if (!containsSame(present, handler)) {
                    GlobalCallbacks.addHandler(handler);
                    added.add(handler);
                }
            }
            for (HandlerErrorListener listener : registry.errorListeners) {
                GlobalCallbacks.addErrorListener(listener);
            }
            this.addedHandlers = List.copyOf(added);
            this.addedErrorListeners = List.copyOf(registry.errorListeners);
            this.previousExecutor = GlobalCallbacks.executor();
            GlobalCallbacks.setExecutor(this.executor);
            this.previousFailFast = GlobalCallbacks.isFailFast();
            if (this.failFast) {
                GlobalCallbacks.setFailFast(true);
            }
            this.running = true;
            logger.debug("Registered global callback handlers {} and error listeners {}", this.addedHandlers,
                    this.addedErrorListeners);
        }
    }

    @Override
    public void stop() {
        synchronized (this.lock) {
            if (!this.running) {
                return;
            }
            for (int i = this.addedHandlers.size() - 1; i >= 0; i--) {
                GlobalCallbacks.removeHandler(this.addedHandlers.get(i));
            }
            for (HandlerErrorListener listener : this.addedErrorListeners) {
                GlobalCallbacks.removeErrorListener(listener);
            }
            if (GlobalCallbacks.executor() == this.executor) {
                GlobalCallbacks.setExecutor(this.previousExecutor);
            }
            if (this.failFast && GlobalCallbacks.isFailFast()) {
                GlobalCallbacks.setFailFast(this.previousFailFast);
            }
            logger.debug("Removed global callback handlers {} and error listeners {}", this.addedHandlers,
                    this.addedErrorListeners);
            this.addedHandlers = List.of();
            this.addedErrorListeners = List.of();
            this.previousExecutor = null;
            this.running = false;
        }
    }

    /** Removes the registrations if the context is destroyed without having been stopped. */
    @Override
    public void destroy() {
        stop();
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Returns the handlers this context registered as global handlers, in registration order;
     * empty when it is not running.
     * @return the handlers
     */
    public List<BaseCallbackHandler> registeredHandlers() {
        synchronized (this.lock) {
            return this.addedHandlers;
        }
    }

    /**
     * Returns the handler-error listeners this context registered; empty when it is not running.
     * @return the listeners
     */
    public List<HandlerErrorListener> registeredErrorListeners() {
        synchronized (this.lock) {
            return this.addedErrorListeners;
        }
    }

    /**
     * Returns the executor this context installs for async handlers.
     * @return the executor
     */
    public CallbackExecutor executor() {
        return this.executor;
    }

    private static boolean containsSame(List<?> list, Object element) {
        for (Object candidate : list) {
            if (candidate == element) {
                return true;
            }
        }
        return false;
    }

    /** The lists customizers work on; identity semantics, as {@link GlobalCallbacks} has. */
    private static final class Registry implements GlobalCallbacksRegistry {

        private final List<BaseCallbackHandler> handlers = new ArrayList<>();

        private final List<HandlerErrorListener> errorListeners = new ArrayList<>();

        @Override
        public List<BaseCallbackHandler> handlers() {
            return List.copyOf(this.handlers);
        }

        @Override
        public void addHandler(BaseCallbackHandler handler) {
            Objects.requireNonNull(handler, "handler must not be null");
            if (!containsSame(this.handlers, handler)) {
                this.handlers.add(handler);
            }
        }

        @Override
        public void removeHandler(BaseCallbackHandler handler) {
            this.handlers.removeIf((candidate) -> candidate == handler);
        }

        @Override
        public List<HandlerErrorListener> errorListeners() {
            return List.copyOf(this.errorListeners);
        }

        @Override
        public void addErrorListener(HandlerErrorListener listener) {
            Objects.requireNonNull(listener, "listener must not be null");
            if (!containsSame(this.errorListeners, listener)) {
                this.errorListeners.add(listener);
            }
        }

        @Override
        public void removeErrorListener(HandlerErrorListener listener) {
            this.errorListeners.removeIf((candidate) -> candidate == listener);
        }
    }
}
