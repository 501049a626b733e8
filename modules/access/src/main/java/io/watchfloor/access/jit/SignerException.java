package io.watchfloor.access.jit;

/**
 * The signer refused or could not be reached. The message is operator text: what the signer said (Vault's
 * {@code errors}), never the token, the passphrase or the key.
 */
public final class SignerException extends Exception {
    public SignerException(String message) {
        super(message);
    }

    public SignerException(String message, Throwable cause) {
        super(message, cause);
    }
}
