package reportqa.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;

/**
 * HTTPS for the server ({@code server.tlsKeystore}, {@code server.tlsPassword}): a key store holding
 * the server's private key and certificate. Checked when the settings are read, so a wrong path or
 * password stops the start with a message naming the file (never the password), not the first
 * client's handshake.
 *
 * @param keystore the PKCS#12 or JKS file
 * @param type which of the two it is ({@code PKCS12}, {@code JKS}), as Java found it
 * @param password its password, which is also the key's
 */
public record Tls(Path keystore, String type, Secret password) {

    /** The key store of the settings, checked; null when none is set. */
    public static Tls of(String keystore, String password) {
        if (keystore.isBlank()) {
            if (!password.isBlank()) {
                throw new ConfigException(ConfigKey.TLS_PASSWORD.env() + " is set but " + ConfigKey.TLS_KEYSTORE.key()
                        + " (" + ConfigKey.TLS_KEYSTORE.env() + ") is not");
            }
            return null;
        }
        Path file = Path.of(keystore);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigException(
                    ConfigKey.TLS_KEYSTORE.key() + ": " + file + " is not a file this process can read");
        }
        KeyStore store;
        try {
            // Java reads both PKCS#12 and JKS files this way, whichever the file is.
            store = KeyStore.getInstance(file.toFile(), password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(ConfigKey.TLS_KEYSTORE.key() + ": cannot open " + file
                    + " with the password of " + ConfigKey.TLS_PASSWORD.env()
                    + " (a wrong password, or not a PKCS#12 or JKS key store)");
        }
        try {
            boolean hasKey = false;
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    hasKey = true;
                    // Jetty takes the store's password for the key's too: a key with another one
                    // would fail only when the server starts listening.
                    try {
                        store.getKey(alias, password.toCharArray());
                    } catch (UnrecoverableKeyException e) {
                        throw new ConfigException(ConfigKey.TLS_KEYSTORE.key() + ": the key '" + alias + "' in " + file
                                + " has another password than the store; give it the store's password");
                    }
                }
            }
            if (!hasKey) {
                throw new ConfigException(ConfigKey.TLS_KEYSTORE.key() + ": " + file
                        + " holds no private key (a key store with the server's key and certificate is needed)");
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigException(ConfigKey.TLS_KEYSTORE.key() + ": cannot list " + file + ": " + e.getMessage());
        }
        return new Tls(file, store.getType(), Secret.of(password));
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "Tls[" + keystore + "]";
    }
}
