/**
 * Settings, read once at start from flags, environment, {@code reportqa.properties} and defaults
 * ({@link reportqa.server.config.ServerConfig}); every key in one place
 * ({@link reportqa.server.config.ConfigKey}); the model's API key kept out of logs and responses
 * ({@link reportqa.server.config.Secret}); who may use the API and how much
 * ({@link reportqa.server.config.Access}, whose {@link reportqa.server.config.ApiKeys} keep digests only,
 * more of them in a {@link reportqa.server.config.KeyFile} read again when it changes, and whose
 * {@link reportqa.server.config.TrustedProxies} say whose forwarded-for to believe, as literal
 * {@link reportqa.server.config.IpAddress}es); HTTPS ({@link reportqa.server.config.Tls}); how much the
 * server works on at once, whoever asks ({@link reportqa.server.config.Capacity}).
 */
package reportqa.server.config;
