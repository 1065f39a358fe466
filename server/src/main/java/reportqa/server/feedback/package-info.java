/**
 * What readers say about answers (helpful, wrong, a wrong citation), kept in the data folder as JSON
 * Lines ({@link reportqa.server.feedback.FeedbackLog}) and read back by {@code GET /api/feedback} and
 * {@code reportqa feedback}.
 */
package reportqa.server.feedback;
