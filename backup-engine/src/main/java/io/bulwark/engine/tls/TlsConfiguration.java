package io.bulwark.engine.tls;

import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.security.MasterKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine's TLS certificate. */
@Configuration(proxyBeanMethods = false)
public class TlsConfiguration {
    @Bean
    public EngineCertificate engineCertificate(DataDirectory directory, MasterKey masterKey) {
        return EngineCertificate.loadOrCreate(directory, masterKey);
    }
}
