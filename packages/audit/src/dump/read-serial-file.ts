import { readFile } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import { dirname, join } from 'node:path';
import { finding } from '../findings/finding.js';
import type { Finding } from '../findings/finding.js';

export const DUMP_SERIAL_FILE = 'FDMserl.txt';

/**
 * Checks the dump's FDMserl.txt (beside FDMmem.log) when there is one: the FDM's own status and
 * the certificate serial it names (lastVscId) against the certificate the auditor was given.
 */
export async function checkSerialFile(
  dumpFile: string,
  certificatePem: string | undefined,
  report: (f: Finding) => void,
): Promise<void> {
  let text: string;
  try {
    text = await readFile(join(dirname(dumpFile), DUMP_SERIAL_FILE), 'utf8');
  } catch {
    return; // a bare FDMmem.log: nothing to compare
  }
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf('=');
    if (at > 0 && !values.has(line.slice(0, at))) values.set(line.slice(0, at), line.slice(at + 1));
  }
  if (values.get('status') === 'ERROR') {
    report(
      finding(
        'DUMP_STATUS_ERROR',
        {},
        `FDMserl.txt: status=ERROR ${values.get('statusDetail') ?? ''}`.trim(),
      ),
    );
  }
  const vscId = values.get('lastVscId');
  if (vscId === undefined || certificatePem === undefined) return;
  let serial: string;
  try {
    serial = new X509Certificate(certificatePem).serialNumber.toLowerCase();
  } catch {
    return; // reported by the certificate check
  }
  if (vscId.toLowerCase() !== serial) {
    report(
      finding(
        'DUMP_CERTIFICATE_MISMATCH',
        {},
        `FDMserl.txt names certificate ${vscId}, the certificate given has serial ${serial}`,
      ),
    );
  }
}
