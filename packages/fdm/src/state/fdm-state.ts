import { generateKeyPairSync } from 'node:crypto';
import { access, mkdir, open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  checkEstNo,
  checkFdmId,
  checkFdmProductionNo,
  checkPosId,
  checkVatNo,
  defaultVatRates,
  err,
  ok,
  vatLabelValues,
} from '@gks/core';
import type { Result, VatLabel } from '@gks/core';
import { LocalTestCa } from '../ca/local-test-ca.js';
import type { CertificateAuthority } from '../ca/local-test-ca.js';
import { EventMemory } from '../memory/event-memory.js';
import { syncDirectory } from '../memory/group-commit-file.js';
import { signerFromPem } from '../signing/event-signature.js';
import type { EventSigner } from '../signing/event-signature.js';

/** fdm.json: the FDM's registration and parameters. */
export interface FdmConfig {
  fdmId: string;
  /** C-59 production number: the fdmId, `_v`, POS-FDM protocol version, `.`, FDM-VSC protocol version. */
  productionNo: string;
  vatNo: string;
  estNo: string;
  allowedPosIds: string[];
  vatRates: { label: VatLabel; ratePercent: number; outOfScope: boolean }[];
  /** Rate tables the service announced for a later Belgian day (YYYY-MM-DD), ascending. */
  vatRateChanges?: { from: string; rates: { label: VatLabel; ratePercent: number; outOfScope: boolean }[] }[];
  capacityBytes: number;
  verificationBaseUrl: string;
  fdmSwVersion: string;
  createdAt: string;
  /** The tax administration's service this FDM uploads its events to (initialised against it). */
  fpsUrl?: string;
}

export interface FdmState {
  dir: string;
  config: FdmConfig;
  signer: EventSigner;
  certificatePem: string;
  caCertificatePem: string;
  tls: { keyPem: string; certPem: string };
  paths: { memory: string; errorLog: string; dumpLog: string };
}

export const FDM_SW_VERSION = '0.1.0';
/** Protocol versions in the production number: FDM 2.0 towards the POS, 1 towards the signing key. */
const PRODUCTION_NO_SUFFIX = '_v2.1';
/** 8 GiB: about 3.3 million typical sales (see the README, C-70). */
export const DEFAULT_CAPACITY_BYTES = 8 * 1024 ** 3;
/** The tax administration's verification service is not known yet; .invalid never resolves. */
export const DEFAULT_VERIFICATION_BASE_URL = 'https://verify.fps.invalid/fdm';

const files = {
  config: 'fdm.json',
  key: 'fdm-key.pem',
  cert: 'fdm-cert.pem',
  caCert: 'ca-cert.pem',
  caDir: 'ca',
  tlsDir: 'tls',
  tlsKey: join('tls', 'server-key.pem'),
  tlsCert: join('tls', 'server-cert.pem'),
  memory: 'memory.fdm',
  errorLog: 'errors.log',
  dumpLog: 'dumps.log',
} as const;

export interface InitFdmOptions {
  fdmId: string;
  vatNo: string;
  estNo: string;
  allowedPosIds: string[];
  capacityBytes?: number;
  verificationBaseUrl?: string;
  /** Defaults to a new LocalTestCa in `<dir>/ca`. */
  ca?: CertificateAuthority;
  /** The service whose CA is `ca`: the server then uploads every event to it. */
  fpsUrl?: string;
  now: Date;
}

/**
 * Creates an FDM's state directory: signing key and certificate, TLS key and certificate for
 * 127.0.0.1/localhost, registration and parameters, an empty memory and empty logs. Refuses a
 * directory that already holds an FDM: a memory is never overwritten (C-57).
 */
export async function initFdmState(
  dir: string,
  options: InitFdmOptions,
): Promise<Result<FdmState, { reason: string }>> {
  const problem = checkInitOptions(options);
  if (problem) return err({ reason: problem });
  for (const name of [files.config, files.memory, files.key]) {
    if (await exists(join(dir, name))) return err({ reason: `${dir} already holds an FDM (${name} exists)` });
  }
  await mkdir(join(dir, files.tlsDir), { recursive: true, mode: 0o700 });
  // The memory first, exclusively: of two concurrent inits only one gets past here.
  try {
    await EventMemory.create(join(dir, files.memory));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      return err({ reason: `${dir} already holds an FDM memory` });
    throw e;
  }
  const ca = options.ca ?? (await LocalTestCa.create(join(dir, files.caDir), () => options.now));

  const fdmKeyPem = newP256KeyPem();
  const certificatePem = await ca.issueFdmCertificate({
    fdmId: options.fdmId,
    vatNo: options.vatNo,
    publicKeyPem: publicPemOf(fdmKeyPem),
  });
  const tlsKeyPem = newP256KeyPem();
  const tlsCertPem = await ca.issueServerCertificate({
    hostnames: ['localhost'],
    ipAddresses: ['127.0.0.1', '::1'],
    publicKeyPem: publicPemOf(tlsKeyPem),
  });
  const config: FdmConfig = {
    fdmId: options.fdmId,
    productionNo: options.fdmId + PRODUCTION_NO_SUFFIX,
    vatNo: options.vatNo,
    estNo: options.estNo,
    allowedPosIds: [...options.allowedPosIds],
    vatRates: vatLabelValues.map((label) => ({ ...defaultVatRates[label] })),
    capacityBytes: options.capacityBytes ?? DEFAULT_CAPACITY_BYTES,
    verificationBaseUrl: options.verificationBaseUrl ?? DEFAULT_VERIFICATION_BASE_URL,
    fdmSwVersion: FDM_SW_VERSION,
    createdAt: options.now.toISOString(),
    ...(options.fpsUrl === undefined ? {} : { fpsUrl: options.fpsUrl }),
  };
  await writeDurably(join(dir, files.key), fdmKeyPem, 0o600);
  await writeDurably(join(dir, files.cert), certificatePem);
  await writeDurably(join(dir, files.caCert), ca.caCertificatePem);
  await writeDurably(join(dir, files.tlsKey), tlsKeyPem, 0o600);
  await writeDurably(join(dir, files.tlsCert), tlsCertPem);
  await writeDurably(join(dir, files.errorLog), '');
  await writeDurably(join(dir, files.dumpLog), '');
  // fdm.json last: a directory without it is an init that did not finish, and loads refuse it.
  await writeDurably(join(dir, files.config), JSON.stringify(config, null, 2) + '\n');
  await syncDirectory(join(dir, files.tlsDir));
  await syncDirectory(dir);
  return loadFdmState(dir);
}

/** Reads and checks a state directory made by initFdmState. Does not open the memory. */
export async function loadFdmState(dir: string): Promise<Result<FdmState, { reason: string }>> {
  const read = async (name: string): Promise<string | undefined> => {
    try {
      return await readFile(join(dir, name), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  };
  const configText = await read(files.config);
  if (configText === undefined) return err({ reason: `${dir} holds no FDM (${files.config} missing)` });
  let config: FdmConfig;
  try {
    config = JSON.parse(configText) as FdmConfig;
  } catch {
    return err({ reason: `${files.config} is not valid JSON` });
  }
  const configProblem = checkConfig(config);
  if (configProblem) return err({ reason: `${files.config}: ${configProblem}` });
  // A missing memory must never be silently recreated empty.
  if (!(await exists(join(dir, files.memory))))
    return err({ reason: `the event memory ${files.memory} is missing` });

  const texts: Record<string, string> = {};
  for (const name of [files.key, files.cert, files.caCert, files.tlsKey, files.tlsCert]) {
    const text = await read(name);
    if (text === undefined) return err({ reason: `${name} is missing` });
    texts[name] = text;
  }
  const keyMode = (await stat(join(dir, files.key))).mode & 0o077;
  if (keyMode !== 0) return err({ reason: `${files.key} is readable by others; chmod 600 it` });
  let signer: EventSigner;
  try {
    signer = signerFromPem(texts[files.key] as string);
  } catch {
    return err({ reason: `${files.key} is not an ECDSA P-256 private key` });
  }
  return ok({
    dir,
    config,
    signer,
    certificatePem: texts[files.cert] as string,
    caCertificatePem: texts[files.caCert] as string,
    tls: { keyPem: texts[files.tlsKey] as string, certPem: texts[files.tlsCert] as string },
    paths: {
      memory: join(dir, files.memory),
      errorLog: join(dir, files.errorLog),
      dumpLog: join(dir, files.dumpLog),
    },
  });
}

function checkInitOptions(o: InitFdmOptions): string | undefined {
  const checks: [string, { ok: boolean; error?: { reason: string } }][] = [
    ['fdmId', checkFdmId(o.fdmId)],
    ['vatNo', checkVatNo(o.vatNo)],
    ['estNo', checkEstNo(o.estNo)],
    ...o.allowedPosIds.map((p, i): [string, ReturnType<typeof checkPosId>] => [
      `allowedPosIds[${i}]`,
      checkPosId(p),
    ]),
  ];
  for (const [name, result] of checks) if (!result.ok) return `${name}: ${result.error?.reason ?? 'invalid'}`;
  if (new Set(o.allowedPosIds).size !== o.allowedPosIds.length)
    return 'allowedPosIds: a posId is listed twice';
  if (o.capacityBytes !== undefined && (!Number.isSafeInteger(o.capacityBytes) || o.capacityBytes < 4096)) {
    return 'capacityBytes must be an integer of at least 4096';
  }
  if (o.verificationBaseUrl !== undefined && !isHttpUrl(o.verificationBaseUrl)) {
    return 'verificationBaseUrl must be an http(s) URL';
  }
  if (o.fpsUrl !== undefined && !isHttpsUrl(o.fpsUrl)) return 'fpsUrl must be an https URL';
  if (Number.isNaN(o.now.getTime())) return 'now is not a valid date';
  return undefined;
}

function checkConfig(c: FdmConfig): string | undefined {
  if (typeof c !== 'object' || c === null) return 'not an object';
  if (!checkFdmId(c.fdmId).ok) return 'bad fdmId';
  if (!checkFdmProductionNo(c.productionNo).ok || !c.productionNo.startsWith(c.fdmId))
    return 'bad productionNo';
  if (!checkVatNo(c.vatNo).ok) return 'bad vatNo';
  if (!checkEstNo(c.estNo).ok) return 'bad estNo';
  if (!Array.isArray(c.allowedPosIds) || !c.allowedPosIds.every((p) => checkPosId(p).ok))
    return 'bad allowedPosIds';
  if (!Array.isArray(c.vatRates) || !c.vatRates.every((r) => vatLabelValues.includes(r.label)))
    return 'bad vatRates';
  if (
    c.vatRateChanges !== undefined &&
    (!Array.isArray(c.vatRateChanges) ||
      !c.vatRateChanges.every(
        (t) =>
          typeof t.from === 'string' &&
          /^\d{4}-\d{2}-\d{2}$/.test(t.from) &&
          Array.isArray(t.rates) &&
          t.rates.every((r) => vatLabelValues.includes(r.label)),
      ))
  )
    return 'bad vatRateChanges';
  if (!Number.isSafeInteger(c.capacityBytes) || c.capacityBytes <= 0) return 'bad capacityBytes';
  if (typeof c.verificationBaseUrl !== 'string' || !isHttpUrl(c.verificationBaseUrl))
    return 'bad verificationBaseUrl';
  if (typeof c.fdmSwVersion !== 'string' || typeof c.createdAt !== 'string')
    return 'bad fdmSwVersion or createdAt';
  if (c.fpsUrl !== undefined && (typeof c.fpsUrl !== 'string' || !isHttpsUrl(c.fpsUrl))) return 'bad fpsUrl';
  return undefined;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

function isHttpsUrl(s: string): boolean {
  try {
    return new URL(s).protocol === 'https:';
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function newP256KeyPem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
}

function publicPemOf(privateKeyPem: string): string {
  return signerFromPem(privateKeyPem).publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

async function writeDurably(path: string, text: string, mode = 0o644): Promise<void> {
  const handle = await open(path, 'wx', mode);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}
