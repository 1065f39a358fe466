package reportqa.server.http;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import reportqa.retrieval.report.ReportParser;
import reportqa.server.ingest.ReportUploads;

/**
 * {@code POST /api/reports} (multipart: one or many PDF or text files, indexed in the background),
 * {@code DELETE /api/reports/{id}}, {@code POST /api/reports/{id}/reindex}, {@code PUT
 * /api/reports/{id}/metadata} and {@code GET /api/uploads} (each file's state). Thin: the checks
 * and the indexing are {@link ReportUploads}'.
 */
final class UploadsHandler {

    /** Most files in one upload. */
    static final int MAX_FILES = 50;
    /** Most bytes of one upload request (the files and the form around them). */
    static final long MAX_REQUEST_BYTES = 4 * ReportParser.MAX_FILE_BYTES;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final ReportUploads uploads;
    private final WorkSlots slots = WorkSlots.uploads();

    UploadsHandler(ReportUploads uploads) {
        this.uploads = uploads;
    }

    void add(Context ctx) throws Exception {
        String type = ctx.contentType();
        if (type == null || !type.strip().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new ApiException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "reports are uploaded as multipart/form-data (one or many files), not "
                            + (type == null ? "no type" : type.strip()));
        }
        if (ctx.contentLength() > MAX_REQUEST_BYTES) {
            throw new ApiException(
                    ErrorCode.BODY_TOO_LARGE,
                    "the upload has " + ctx.contentLength() + " bytes; at most " + MAX_REQUEST_BYTES);
        }
        // The files are held in memory while they are checked and written: a few uploads at a time.
        slots.run(ctx, () -> read(ctx));
    }

    private void read(Context ctx) throws IOException {
        List<UploadedFile> files;
        try {
            files = ctx.uploadedFiles();
        } catch (Exception e) {
            // The multipart parser refuses a part over its limit or a form cut short, with the
            // servlet API's checked exceptions (Javalin passes them on undeclared): the client's doing.
            if (e instanceof ApiException a) {
                throw a;
            }
            String why = reason(e);
            ErrorCode code = why.toLowerCase(Locale.ROOT).matches(".*(size|too large|exceed|limit).*")
                    ? ErrorCode.BODY_TOO_LARGE
                    : ErrorCode.BAD_REQUEST;
            throw new ApiException(
                    code,
                    "the upload could not be read: " + why + " (each file at most " + ReportParser.MAX_FILE_BYTES
                            + " bytes)");
        }
        if (files.isEmpty()) {
            throw new ApiException(ErrorCode.MISSING_FIELD, "the form has no file");
        }
        if (files.size() > MAX_FILES) {
            throw new ApiException(ErrorCode.BAD_REQUEST, files.size() + " files; at most " + MAX_FILES + " at once");
        }
        // The form's text fields (its file parts are listed there too, under their field names).
        java.util.Set<String> fileFields = ctx.uploadedFileMap().keySet();
        Map<String, List<String>> form = new java.util.LinkedHashMap<>(ctx.formParamMap());
        form.keySet().removeAll(fileFields);
        com.fasterxml.jackson.databind.node.ObjectNode metadata = metadata(form);
        if (!metadata.isEmpty() && files.size() > 1) {
            throw new ApiException(
                    ErrorCode.INVALID_FIELD, "metadata fields go with one file at a time, not " + files.size());
        }
        List<ReportUploads.Upload> read = new ArrayList<>();
        for (UploadedFile f : files) {
            try (InputStream in = f.content()) {
                // One byte over the limit is enough to tell a file is too large.
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, ReportParser.MAX_FILE_BYTES + 1));
                read.add(new ReportUploads.Upload(f.filename(), bytes, metadata));
            }
        }
        ctx.status(202).json(Map.of("uploads", uploads.add(read)));
    }

    /**
     * The metadata fields of an upload's form (broker, date …; analysts and assistants separated by
     * 、 or commas), as a sidecar's JSON; an unknown field is refused.
     */
    private static com.fasterxml.jackson.databind.node.ObjectNode metadata(Map<String, List<String>> form) {
        com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
        form.forEach((name, values) -> {
            if (!EDITABLE.contains(name)) {
                throw new ApiException(
                        ErrorCode.INVALID_FIELD, "'" + name + "' is not a metadata field one may set: " + EDITABLE);
            }
            String value = values.isEmpty() ? "" : values.get(0).strip();
            if (value.isEmpty()) {
                return;
            }
            if (name.equals("analysts") || name.equals("assistants")) {
                com.fasterxml.jackson.databind.node.ArrayNode list = out.putArray(name);
                for (String person : value.split("[、,，]")) {
                    if (!person.isBlank()) {
                        list.add(person.strip());
                    }
                }
            } else {
                out.put(name, value);
            }
        });
        return out;
    }

    void remove(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        ReportUploads.Status s = uploads.remove(id)
                .orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_REPORT, "no report with id '" + id + "'"));
        ctx.status(202).json(s);
    }

    void reindex(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        ReportUploads.Status s = uploads.reindex(id)
                .orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_REPORT, "no report with id '" + id + "'"));
        ctx.status(202).json(s);
    }

    /** The metadata fields a user may set, each a sidecar field. */
    static final List<String> EDITABLE =
            List.of("broker", "title", "date", "analysts", "assistants", "industry", "rating", "reportType");

    void editMetadata(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        com.fasterxml.jackson.databind.JsonNode body;
        try {
            body = JSON.readTree(RequestBodies.json(ctx));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the body is not JSON");
        }
        if (!(body instanceof com.fasterxml.jackson.databind.node.ObjectNode fields) || fields.isEmpty()) {
            throw new ApiException(
                    ErrorCode.INVALID_FIELD, "the body must be an object of metadata fields: " + EDITABLE);
        }
        for (java.util.Iterator<String> it = fields.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!EDITABLE.contains(name)) {
                throw new ApiException(
                        ErrorCode.INVALID_FIELD, "'" + name + "' is not a metadata field one may set: " + EDITABLE);
            }
        }
        try {
            ReportUploads.Status s = uploads.editMetadata(id, fields)
                    .orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_REPORT, "no report with id '" + id + "'"));
            ctx.status(202).json(s);
        } catch (reportqa.retrieval.report.ReportParseException e) {
            throw new ApiException(ErrorCode.INVALID_FIELD, e.getMessage());
        }
    }

    void list(Context ctx) {
        ctx.json(Map.of("uploads", uploads.states()));
    }

    /** The innermost message of a failure, without the servlet wrapper's. */
    private static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        m = m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip();
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}
