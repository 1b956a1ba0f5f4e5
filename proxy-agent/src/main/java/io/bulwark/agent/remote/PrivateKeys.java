package io.bulwark.agent.remote;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** The arithmetic {@link AgentKeys} needs on keys that the JDK does not offer. */
final class PrivateKeys {
    private PrivateKeys() {
    }

    /**
     * The public half of a private key, worked out from the private key alone: an agent that keeps
     * its key across deployments has only {@code agent.key} to make its next request from.
     */
    static PublicKey publicKey(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof ECPrivateKey ec) {
            ECParameterSpec parameters = ec.getParams();
            ECPoint point = new FixedPointCombMultiplier()
                    .multiply(EC5Util.convertSpec(parameters).getG(), ec.getS()).normalize();
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(EC5Util.convertPoint(point), parameters));
        }
        if (key instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        throw new GeneralSecurityException("a " + key.getAlgorithm() + " key (keygen works with EC and RSA keys)");
    }

    /**
     * PKCS#8 of an EC key pair with the public key inside, as OpenSSL writes it. The JDK leaves the
     * public key out, which GnuTLS-based tools (qemu, nbdkit) refuse; with it, the same
     * {@code agent.key} serves them too.
     */
    static byte[] pkcs8(KeyPair keys) throws IOException {
        PrivateKeyInfo jdk = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        if (!(keys.getPrivate() instanceof ECPrivateKey ec)) {
            return jdk.getEncoded();
        }
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        BigInteger order = ec.getParams().getOrder();
        var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(order.bitLength(), ec.getS(), publicKey.getPublicKeyData(), null);
        return new PrivateKeyInfo(jdk.getPrivateKeyAlgorithm(), sec1).getEncoded();
    }
}
