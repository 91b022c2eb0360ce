import { X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { finding } from '../findings/finding.js';
import type { Finding } from '../findings/finding.js';

export interface TrustedFdmKey {
  /** SubjectPublicKeyInfo DER of the FDM's signing key, to hand to worker threads. */
  readonly publicKeyDer: Uint8Array;
  /** The fdmId the certificate names (its CN), when it names one. */
  readonly fdmId: string | undefined;
  readonly notBefore: number;
  readonly notAfter: number;
}

/**
 * Checks that the FDM certificate was issued by the CA (the tax administration's certificate,
 * the auditor's trust anchor), is meant for signing, and holds a P-256 key. The key is returned
 * even when the chain fails, so that signatures are still checked and reported on.
 */
export function checkCertificates(
  fdmCertificatePem: string,
  caCertificatePem: string | undefined,
  report: (f: Finding) => void,
): TrustedFdmKey | undefined {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(fdmCertificatePem);
  } catch (e) {
    report(finding('CERTIFICATE_INVALID', {}, `the FDM certificate cannot be read: ${(e as Error).message}`));
    return undefined;
  }
  const key = cert.publicKey;
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    report(finding('CERTIFICATE_INVALID', {}, 'the FDM certificate does not hold an ECDSA P-256 key'));
  }
  if (cert.ca) report(finding('CERTIFICATE_INVALID', {}, 'the FDM certificate is a CA certificate'));
  const usage = new x509.X509Certificate(fdmCertificatePem).getExtension(x509.KeyUsagesExtension);
  if (usage && (usage.usages & x509.KeyUsageFlags.digitalSignature) === 0) {
    report(finding('CERTIFICATE_INVALID', {}, 'the FDM certificate is not for digital signatures'));
  }

  if (caCertificatePem === undefined) {
    report(finding('CERTIFICATE_NOT_FROM_CA', {}, 'no CA certificate was given: the FDM key is not proven'));
  } else {
    let ca: X509Certificate | undefined;
    try {
      ca = new X509Certificate(caCertificatePem);
    } catch (e) {
      report(
        finding('CERTIFICATE_INVALID', {}, `the CA certificate cannot be read: ${(e as Error).message}`),
      );
    }
    if (ca) {
      if (!ca.ca)
        report(finding('CERTIFICATE_INVALID', {}, 'the CA certificate is not a CA (basicConstraints)'));
      if (!cert.checkIssued(ca) || !safeVerify(cert, ca)) {
        report(
          finding(
            'CERTIFICATE_NOT_FROM_CA',
            {},
            `the FDM certificate (issuer ${oneLine(cert.issuer)}) is not signed by the CA ${oneLine(ca.subject)}`,
          ),
        );
      }
    }
  }
  const cn = /^CN=(.*)$/m.exec(cert.subject)?.[1];
  return {
    publicKeyDer: new Uint8Array(key.export({ type: 'spki', format: 'der' })),
    fdmId: cn,
    notBefore: Date.parse(cert.validFrom),
    notAfter: Date.parse(cert.validTo),
  };
}

function safeVerify(cert: X509Certificate, ca: X509Certificate): boolean {
  try {
    return cert.verify(ca.publicKey);
  } catch {
    return false;
  }
}

const oneLine = (s: string) => s.replace(/\n/g, ', ');

/**
 * Certificates an FDM held before (renewed with the same key): each is checked like the
 * current one, and must name the same fdmId and hold the same key, else it vouches for nothing.
 * Answers the validity periods of those that pass.
 */
export function checkPreviousCertificates(
  current: TrustedFdmKey,
  previousPems: readonly string[],
  caCertificatePem: string | undefined,
  report: (f: Finding) => void,
): { readonly notBefore: number; readonly notAfter: number }[] {
  const periods: { notBefore: number; notAfter: number }[] = [];
  previousPems.forEach((pem, i) => {
    const which = `previous certificate ${i + 1}`;
    const named = (f: Finding): void => {
      // A missing CA was reported for the current certificate already.
      if (caCertificatePem === undefined && f.code === 'CERTIFICATE_NOT_FROM_CA') return;
      report({ ...f, explanation: `${which}: ${f.explanation.replace(/^the FDM certificate/, 'it')}` });
    };
    const checked = checkCertificates(pem, caCertificatePem, named);
    if (!checked) return;
    if (!Buffer.from(checked.publicKeyDer).equals(Buffer.from(current.publicKeyDer))) {
      report(
        finding(
          'CERTIFICATE_INVALID',
          {},
          `${which} holds another key than the current certificate: events signed under it cannot be checked with this key`,
        ),
      );
      return;
    }
    if (checked.fdmId !== current.fdmId) {
      report(
        finding(
          'CERTIFICATE_INVALID',
          {},
          `${which} names FDM ${checked.fdmId ?? '(none)'}, the current certificate ${current.fdmId ?? '(none)'}`,
        ),
      );
      return;
    }
    periods.push({ notBefore: checked.notBefore, notAfter: checked.notAfter });
  });
  return periods;
}
