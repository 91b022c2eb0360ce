// The POS API does not say whether an order got its interim bill; this device remembers the last
// line number a pre-bill covered, so the table shows as pre-billed until lines are added.
const key = 'gks.preBilled';

function load(): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, number>) : {};
  } catch {
    return {};
  }
}

export function rememberPreBill(registrationId: string, lastLineNo: number): void {
  const all = load();
  all[registrationId] = lastLineNo;
  try {
    localStorage.setItem(key, JSON.stringify(all));
  } catch {
    // storage full: the table simply shows as occupied
  }
}

/** Whether the order's lines are all covered by a pre-bill made on this device. */
export function isPreBilled(registrationId: string, lastLineNo: number): boolean {
  const covered = load()[registrationId];
  return covered !== undefined && lastLineNo <= covered;
}

export const lastLineNo = (lines: readonly { lineNo: number }[]): number =>
  lines.reduce((max, line) => Math.max(max, line.lineNo), 0);
