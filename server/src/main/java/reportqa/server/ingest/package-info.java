/**
 * Ingest while serving: {@link reportqa.server.ingest.CorpusWatcher} indexes report files added,
 * changed or removed in the corpus folder as they come, so a report dropped into the folder is
 * searchable without a restart.
 */
package reportqa.server.ingest;
