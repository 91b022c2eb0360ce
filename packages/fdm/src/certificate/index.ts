export {
  CertificateRenewer,
  notAfterOf,
  renewBeforeMs,
  type CertificateRenewerOptions,
  type CertificateStatus,
  type RenewalOutcome,
} from './certificate-renewer.js';
export {
  installRenewedCertificate,
  previousCertificates,
  CURRENT_CERTIFICATE_FILE,
  PREVIOUS_CERTIFICATES_DIR,
} from './certificate-files.js';
export { certificateRenewerForState, type CertificateTuning } from './state-certificate.js';
