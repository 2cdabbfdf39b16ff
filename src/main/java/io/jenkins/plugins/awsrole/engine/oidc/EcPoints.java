package io.jenkins.plugins.awsrole.engine.oidc;

import java.math.BigInteger;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/**
 * Computes an EC public point from a private scalar ({@code Q = d·G}).
 *
 * <p>Needed because a PKCS#8 EC key written by the JDK carries no public key, and the JDK has no public API to derive
 * it. Plain affine double-and-add with {@link BigInteger}: not constant-time, which is acceptable because it runs only
 * when a key is loaded or imported on the controller, never on input an attacker can time.
 */
final class EcPoints {

    private EcPoints() {}

    static ECPoint publicPoint(BigInteger privateScalar, ECParameterSpec params) {
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        BigInteger a = params.getCurve().getA();
        ECPoint result = ECPoint.POINT_INFINITY;
        ECPoint addend = params.getGenerator();
        for (int i = 0; i < privateScalar.bitLength(); i++) {
            if (privateScalar.testBit(i)) {
                result = add(result, addend, p, a);
            }
            addend = add(addend, addend, p, a);
        }
        return result;
    }

    private static ECPoint add(ECPoint left, ECPoint right, BigInteger p, BigInteger a) {
        if (left.equals(ECPoint.POINT_INFINITY)) {
            return right;
        }
        if (right.equals(ECPoint.POINT_INFINITY)) {
            return left;
        }
        BigInteger x1 = left.getAffineX();
        BigInteger y1 = left.getAffineY();
        BigInteger x2 = right.getAffineX();
        BigInteger y2 = right.getAffineY();
        BigInteger slope;
        if (x1.equals(x2)) {
            if (y1.add(y2).mod(p).signum() == 0) {
                return ECPoint.POINT_INFINITY;
            }
            // Tangent: (3x² + a) / 2y
            slope = x1.pow(2)
                    .multiply(BigInteger.valueOf(3))
                    .add(a)
                    .multiply(y1.shiftLeft(1).modInverse(p))
                    .mod(p);
        } else {
            slope = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(p)).mod(p);
        }
        BigInteger x3 = slope.pow(2).subtract(x1).subtract(x2).mod(p);
        BigInteger y3 = slope.multiply(x1.subtract(x3)).subtract(y1).mod(p);
        return new ECPoint(x3, y3);
    }
}
