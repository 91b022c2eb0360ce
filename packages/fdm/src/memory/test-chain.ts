/**
 * Test support (not exported from the package): builds events that validly continue a memory,
 * signed with a throw-away key, the way the engine does.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { EventLabel, SignResult } from '@gks/core';
import { signerFromPem, signEvent } from '../signing/event-signature.js';
import type { EventSigner } from '../signing/event-signature.js';
import { dataHashOf } from '../signing/signed-event.js';
import type { SignedEventFields } from '../signing/signed-event.js';
import type { StoredEvent } from './stored-event.js';

export function testSigner(): EventSigner {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return signerFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}

export interface ChainHead {
  readonly count: number;
  readonly lastHash: string;
  lastEventCounter(label: EventLabel): number;
}

export function nextEvent(
  head: ChainHead,
  signer: EventSigner,
  options: {
    label?: EventLabel;
    fdmDateTime?: string;
    posId?: string;
    ticketNo?: number;
    total?: number;
  } = {},
): StoredEvent {
  const label = options.label ?? 'N';
  const totalCounter = head.count + 1;
  const total = options.total ?? 12.5;
  const request = {
    posId: options.posId ?? 'CPOS0031234567',
    posFiscalTicketNo: options.ticketNo ?? totalCounter,
    posDateTime: '2025-03-14T19:42:17.512+01:00',
    terminalId: 'BAR',
    deviceId: 'DEV-1',
    transaction: { transactionLines: [], transactionTotal: total },
  };
  const fields: SignedEventFields = {
    fdmId: 'FOD01000001',
    fdmDateTime: options.fdmDateTime ?? '2025-03-14T18:42:18Z',
    eventLabel: label,
    eventCounter: head.lastEventCounter(label) + 1,
    totalCounter,
    eventOperation: 'SALE',
    isTraining: label === 'T',
    posId: request.posId,
    posFiscalTicketNo: request.posFiscalTicketNo,
    posDateTime: request.posDateTime,
    terminalId: request.terminalId,
    deviceId: request.deviceId,
    dataHash: dataHashOf(request),
    prevHash: head.lastHash,
  };
  const { digitalSignature, shortSignature } = signEvent(signer, fields);
  const result: SignResult = {
    posId: fields.posId,
    posFiscalTicketNo: fields.posFiscalTicketNo,
    posDateTime: fields.posDateTime,
    posSwVersion: '1.0',
    terminalId: fields.terminalId,
    deviceId: fields.deviceId,
    eventOperation: fields.eventOperation,
    fdmRef: {
      fdmId: fields.fdmId,
      fdmDateTime: fields.fdmDateTime,
      eventLabel: label,
      eventCounter: fields.eventCounter,
      totalCounter,
    },
    fdmSwVersion: '0.1.0',
    digitalSignature,
    shortSignature,
    verificationUrl: null,
    vatCalc: null,
    bufferCapacityUsed: 0,
    footer: [],
  };
  return { fields, request, result };
}
