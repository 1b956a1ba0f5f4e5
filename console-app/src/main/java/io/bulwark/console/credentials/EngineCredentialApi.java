package io.bulwark.console.credentials;

import io.bulwark.console.connection.EngineClient;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.credentials.CredentialRequest;
import io.bulwark.protocol.credentials.CredentialView;
import java.util.List;

public record EngineCredentialApi(EngineClient client) implements CredentialApi {
    @Override
    public List<CredentialView> list() {
        return client.list(ApiPaths.CREDENTIALS, CredentialView.class);
    }

    @Override
    public CredentialView create(CredentialRequest request) {
        return client.post(ApiPaths.CREDENTIALS, request, CredentialView.class);
    }
}
