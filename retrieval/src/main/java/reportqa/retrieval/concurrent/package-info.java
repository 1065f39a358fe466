/**
 * Threads for the retrieval library's pools ({@link reportqa.retrieval.concurrent.DaemonThreads}):
 * below every stage of the pipeline, so that any of them may run work beside its caller.
 */
package reportqa.retrieval.concurrent;
