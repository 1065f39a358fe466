/**
 * Settings, read once at start from flags, environment, {@code reportqa.properties} and defaults
 * ({@link reportqa.server.config.ServerConfig}); every key in one place
 * ({@link reportqa.server.config.ConfigKey}); the API key kept out of logs and responses
 * ({@link reportqa.server.config.Secret}).
 */
package reportqa.server.config;
