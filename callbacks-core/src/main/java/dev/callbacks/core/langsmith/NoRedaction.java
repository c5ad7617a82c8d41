package dev.callbacks.core.langsmith;

/**
 * {@link RunRedactor#none()}: one instance, so that the exporter can tell that nothing will look at
 * a run's JSON trees and write its parts without building them.
 */
enum NoRedaction implements RunRedactor {

    INSTANCE;

    @Override
    public void redact(RedactableRun run) {
    }
}
