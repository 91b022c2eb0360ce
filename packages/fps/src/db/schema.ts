import type { Generated } from 'kysely';

/** Append-only: a change of an operator (name, establishments) is a new row. */
export interface OperatorRegistrationTable {
  seq: Generated<number>;
  vat_no: string;
  name: string;
  /** JSON array of establishment numbers, as registered at this row. */
  est_nos: string;
  registered_at: Date;
  registered_by: string;
}

/** C-13/14: a POS production number and to whom it was delivered; later deliveries are new rows. */
export interface PosRegistrationTable {
  seq: Generated<number>;
  production_no: string;
  /** The POS's fdmId-facing id (posId, C…), when it has one. */
  pos_id: string | null;
  producer: string;
  delivered_to_vat_no: string | null;
  registered_at: Date;
  registered_by: string;
}

/** C-58 and A-5: an FDM, its owner and establishment, its allow-list and bridge use; history by rows. */
export interface FdmRegistrationTable {
  seq: Generated<number>;
  fdm_id: string;
  owner_vat_no: string;
  est_no: string;
  /** JSON array of posIds allowed to sign on this FDM. */
  allowed_pos_ids: string;
  bii_enabled: boolean;
  /** Why the bridge was switched on (A-5: only at the operator's request). */
  bii_reason: string | null;
  registered_at: Date;
  registered_by: string;
}

/** One-time activation codes: the hash only; a use is a row of activation_use. */
export interface ActivationCodeTable {
  code_hash: string;
  fdm_id: string;
  created_at: Date;
  expires_at: Date;
}

export interface ActivationUseTable {
  code_hash: string;
  used_at: Date;
}

/** Every certificate the CA issued (C-86: the FOD keeps the public keys for audits). */
export interface IssuedCertificateTable {
  serial_number: string;
  kind: string;
  subject: string;
  /** The fdmId for FDM certificates, else null. */
  fdm_id: string | null;
  pem: string;
  not_after: Date;
  issued_at: Date;
}

/** One uploaded event, exactly as the FDM stored it; append-only. */
export interface UploadedEventTable {
  fdm_id: string;
  total_counter: number;
  event_label: string;
  event_counter: number;
  event_operation: string;
  fdm_date_time: string;
  is_training: boolean;
  pos_id: string;
  pos_fiscal_ticket_no: number;
  vat_no: string | null;
  est_no: string | null;
  /** transactionTotal in cents, when the event has one. */
  total_cents: number | null;
  digital_signature: string;
  short_signature: string;
  /** Canonical JSON of {fields, request, result}: what the content comparison uses. */
  payload: string;
  received_at: Date;
}

/** A refused upload: same fdmRef with other content, or a bad signature. Kept as evidence. */
export interface UploadRefusalTable {
  seq: Generated<number>;
  fdm_id: string;
  total_counter: number | null;
  reason: string;
  payload: string;
  received_at: Date;
}

/** A revoked FDM (every certificate issued for it): uploads, renewals and the bridge refuse it. */
export interface FdmRevocationTable {
  seq: Generated<number>;
  fdm_id: string;
  reason: string;
  revoked_at: Date;
  revoked_by: string;
}

/** VAT rates from a date on (Belgian calendar day); a correction is a newer row for the same date. */
export interface VatRateTableTable {
  seq: Generated<number>;
  /** YYYY-MM-DD */
  valid_from: string;
  /** JSON array of {label, ratePercent, outOfScope} for A, B, C and D. */
  rates: string;
  registered_at: Date;
  registered_by: string;
}

export interface FpsSchema {
  operator_registration: OperatorRegistrationTable;
  pos_registration: PosRegistrationTable;
  fdm_registration: FdmRegistrationTable;
  activation_code: ActivationCodeTable;
  activation_use: ActivationUseTable;
  issued_certificate: IssuedCertificateTable;
  uploaded_event: UploadedEventTable;
  upload_refusal: UploadRefusalTable;
  fdm_revocation: FdmRevocationTable;
  vat_rate_table: VatRateTableTable;
}
