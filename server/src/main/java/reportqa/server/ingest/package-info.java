/**
 * Ingest while serving: {@link reportqa.server.ingest.CorpusWatcher} indexes report files added,
 * changed or removed in the corpus folder as they come, so a report dropped into the folder is
 * searchable without a restart; {@link reportqa.server.ingest.ReportUploads} takes reports uploaded,
 * corrected (their sidecar) and removed through the API, checks them, writes them into the same
 * folder and has the library index them, keeping each file's state.
 */
package reportqa.server.ingest;
