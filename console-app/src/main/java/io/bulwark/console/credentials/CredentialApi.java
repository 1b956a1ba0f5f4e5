package io.bulwark.console.credentials;

import io.bulwark.protocol.credentials.CredentialRequest;
import io.bulwark.protocol.credentials.CredentialView;
import java.util.List;

/** The engine's credentials store, as the wizards use it. Every call blocks. */
public interface CredentialApi {
    List<CredentialView> list();

    CredentialView create(CredentialRequest request);
}
