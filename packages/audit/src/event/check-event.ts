import { finding, refText } from '../findings/finding.js';
import type { Finding, FindingRecord } from '../findings/finding.js';
import { dataHashOf, readSignedFields, shortSignatureOf, signedBytes } from '../formats/signed-bytes.js';
import type { SignedFields } from '../formats/signed-bytes.js';
import { factsOf } from './business.js';
import type { EventSummary } from './event-summary.js';
import type { SignatureCheck } from '../signature/signature-check.js';

export interface EventCheckContext {
  /** Checks with the FDM certificate's key; without one, signatures are not checked (reported by the caller). */
  readonly checkSignature: SignatureCheck | undefined;
  /**
   * Parse each memory payload whole and locate the request by scanning, instead of splitting
   * it at its member names first: the reference reading, which tests hold the fast one against.
   */
  readonly wholePayloadParse?: boolean;
}

/** A stored event as decoded from either input format, before any check. */
export interface DecodedEvent {
  readonly fields: unknown;
  readonly request: unknown;
  readonly digitalSignature: unknown;
  readonly shortSignature: unknown;
  readonly verificationUrl: unknown;
  readonly vatCalc: unknown;
  /** The stored answer (memory file only; a dump line carries only parts of it). */
  readonly result?: Record<string, unknown>;
  /** SHA-256 of the request's stored bytes, when they could be located (saves re-encoding). */
  readonly requestHash?: string | undefined;
}

const labelOfOperation: Readonly<Record<string, string>> = {
  SALE: 'N',
  INVOICE: 'I',
  ORDER: 'P',
  COST_CENTER_CHANGE: 'P',
  PRE_BILL: 'P',
  MONEY_IN_OUT: 'F',
  DRAWER_OPEN: 'F',
  PAYMENT_CORRECTION: 'F',
  WORK_IN: 'S',
  WORK_OUT: 'S',
  COPY: 'C',
  REPORT_TURNOVER_X: 'R',
  REPORT_TURNOVER_Z: 'R',
  REPORT_USER_X: 'R',
  REPORT_USER_Z: 'R',
};

/**
 * Every check that needs only the record itself: the fields' types, the request's hash, the
 * signature, the answer's agreement with the signed fields, label and operation.
 */
export function checkDecodedEvent(
  where: { index: number; offset?: number },
  event: DecodedEvent,
  ctx: EventCheckContext,
): Pick<EventSummary, 'fields' | 'digitalSignature' | 'timeMs' | 'facts' | 'findings'> {
  const findings: Finding[] = [];
  const read = readSignedFields(event.fields);
  if (!('fields' in read)) {
    findings.push(
      finding(
        'PAYLOAD_UNREADABLE',
        where,
        `the signed field ${read.badField} is missing or of the wrong type`,
      ),
    );
    return { findings };
  }
  const f = read.fields;
  // Built only for a finding: most events have none.
  let named: FindingRecord | undefined;
  const record = (): FindingRecord =>
    (named ??= {
      ...where,
      fdmRef: refText(f.eventLabel, f.eventCounter, f.totalCounter),
      totalCounter: f.totalCounter,
      ticket: { posId: f.posId, posFiscalTicketNo: f.posFiscalTicketNo },
    });

  // The stored bytes hash to dataHash when they are the canonical text; else re-encode to be sure.
  const dataHash = event.requestHash === f.dataHash ? f.dataHash : dataHashOf(event.request);
  if (dataHash !== f.dataHash) {
    findings.push(
      finding(
        'DATA_HASH_MISMATCH',
        record(),
        `the stored request hashes to ${dataHash ?? '(not JSON)'}, the signature covers ${f.dataHash}`,
      ),
    );
  }

  const signature = signatureBytes(event.digitalSignature);
  if (!signature) {
    findings.push(finding('SIGNATURE_INVALID', record(), 'digitalSignature is not the base64 of 64 bytes'));
  } else if (ctx.checkSignature && !ctx.checkSignature(signedBytes(f), signature)) {
    findings.push(
      finding('SIGNATURE_INVALID', record(), "the signature does not verify with the FDM certificate's key"),
    );
  }

  if (signature) checkShortSignature(record, f, signature, event, findings);
  if (event.result) checkResult(record, f, event.result, findings);
  checkLabel(record, f, findings);

  return {
    fields: f,
    digitalSignature: typeof event.digitalSignature === 'string' ? event.digitalSignature : '',
    timeMs: Date.parse(f.fdmDateTime),
    facts: factsOf(f.eventOperation, event.request, event.vatCalc),
    findings,
  };
}

/** 64 bytes in canonical base64 (88 characters); the round trip rejects any other spelling. */
function signatureBytes(value: unknown): Buffer | undefined {
  if (typeof value !== 'string' || value.length !== 88) return undefined;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === 64 && bytes.toString('base64') === value ? bytes : undefined;
}

function checkShortSignature(
  record: () => FindingRecord,
  f: SignedFields,
  signature: Buffer,
  event: DecodedEvent,
  findings: Finding[],
): void {
  const expected = shortSignatureOf(signature);
  const short = event.shortSignature;
  const given = typeof short === 'string' ? short : '';
  if (given !== '' ? given !== expected : f.eventLabel === 'N') {
    findings.push(
      finding(
        'SHORT_SIGNATURE_MISMATCH',
        record(),
        `shortSignature is "${given}", the signature gives ${expected}`,
      ),
    );
  }
  const url = event.verificationUrl;
  if (typeof url === 'string' && url !== '') {
    const tail = `/${encodeURIComponent(f.fdmId)}/${f.totalCounter}/${expected}`;
    if (!url.endsWith(tail)) {
      findings.push(
        finding('VERIFICATION_URL_MISMATCH', record(), `verificationUrl ${url} does not end in ${tail}`),
      );
    }
  }
}

const refFields = ['fdmId', 'fdmDateTime', 'eventLabel', 'eventCounter', 'totalCounter'] as const;
const answerFields = [
  'posId',
  'posFiscalTicketNo',
  'posDateTime',
  'terminalId',
  'deviceId',
  'eventOperation',
] as const;

function checkResult(
  record: () => FindingRecord,
  f: SignedFields,
  result: Record<string, unknown>,
  findings: Finding[],
): void {
  const ref = result['fdmRef'] as Record<string, unknown> | null | undefined;
  const differing: string[] = [];
  if (typeof ref !== 'object' || ref === null) differing.push('fdmRef');
  else {
    for (const k of refFields) {
      if (ref[k] !== f[k]) differing.push(`fdmRef.${k}`);
    }
  }
  for (const k of answerFields) {
    if (result[k] !== f[k]) differing.push(k);
  }
  if (differing.length > 0) {
    findings.push(
      finding(
        'RESULT_MISMATCH',
        record(),
        `the stored answer differs from the signed fields in ${differing.join(', ')}`,
      ),
    );
  }
}

function checkLabel(record: () => FindingRecord, f: SignedFields, findings: Finding[]): void {
  const usual = labelOfOperation[f.eventOperation];
  const expected = f.isTraining ? 'T' : usual;
  if (usual === undefined || expected !== f.eventLabel) {
    findings.push(
      finding(
        'LABEL_INCONSISTENT',
        record(),
        usual === undefined
          ? `unknown eventOperation ${f.eventOperation}`
          : `a ${f.isTraining ? 'training ' : ''}${f.eventOperation} must be label ${expected}, not ${f.eventLabel}`,
      ),
    );
  }
}
