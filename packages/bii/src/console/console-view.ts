import type { FdmPolicy } from '../policy/bridge-policy.js';
import type { AttachmentRow } from '../routing/route-table.js';

/** What the tax administration sees (A-7): which FDMs use the bridge, their link, their traffic. */
export interface ConsoleSnapshot {
  readonly generatedAt: string;
  readonly nodes: readonly { readonly nodeId: string; readonly self: boolean }[];
  readonly fdms: readonly ConsoleFdm[];
}

export interface ConsoleFdm {
  readonly fdmId: string;
  readonly bridgeEnabled: boolean;
  readonly policyChangedAt: string | null;
  readonly allowed: readonly { vatNo: string; estNo: string; posId: string; since: string }[];
  readonly connection: {
    readonly state: 'connected' | 'not-connected';
    readonly nodeId: string | null;
    readonly since: string | null;
  };
  readonly requests: number;
  readonly lastRequestAt: string | null;
}

export function buildSnapshot(input: {
  readonly now: Date;
  readonly selfNodeId: string;
  readonly policies: readonly FdmPolicy[];
  readonly attachments: readonly AttachmentRow[];
  readonly usage: ReadonlyMap<string, { requests: number; lastRequestAt: Date | null }>;
}): ConsoleSnapshot {
  const byFdm = new Map(input.attachments.filter((a) => a.nodeLive).map((a) => [a.fdmId, a]));
  const ids = new Set([...input.policies.map((p) => p.fdmId), ...byFdm.keys(), ...input.usage.keys()]);
  const nodes = new Set([
    input.selfNodeId,
    ...input.attachments.filter((a) => a.nodeLive).map((a) => a.nodeId),
  ]);
  return {
    generatedAt: input.now.toISOString(),
    nodes: [...nodes].sort().map((nodeId) => ({ nodeId, self: nodeId === input.selfNodeId })),
    fdms: [...ids].sort().map((fdmId): ConsoleFdm => {
      const policy = input.policies.find((p) => p.fdmId === fdmId);
      const attachment = byFdm.get(fdmId);
      const usage = input.usage.get(fdmId);
      return {
        fdmId,
        bridgeEnabled: policy?.enabled ?? false,
        policyChangedAt: policy ? policy.changedAt.toISOString() : null,
        allowed: (policy?.allowed ?? []).map((a) => ({
          vatNo: a.vatNo,
          estNo: a.estNo,
          posId: a.posId,
          since: a.since.toISOString(),
        })),
        connection: attachment
          ? { state: 'connected', nodeId: attachment.nodeId, since: attachment.attachedAt.toISOString() }
          : { state: 'not-connected', nodeId: null, since: null },
        requests: usage?.requests ?? 0,
        lastRequestAt: usage?.lastRequestAt ? usage.lastRequestAt.toISOString() : null,
      };
    }),
  };
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderConsoleHtml(snapshot: ConsoleSnapshot): string {
  const rows = snapshot.fdms
    .map(
      (f) =>
        `<tr><td>${escapeHtml(f.fdmId)}</td><td>${f.bridgeEnabled ? 'on' : 'off'}</td>` +
        `<td>${f.allowed.map((a) => escapeHtml(`${a.vatNo} / ${a.estNo} / ${a.posId}`)).join('<br>')}</td>` +
        `<td>${f.connection.state}${f.connection.nodeId ? ` (node ${escapeHtml(f.connection.nodeId)})` : ''}</td>` +
        `<td>${escapeHtml(f.connection.since ?? '-')}</td><td>${f.requests}</td>` +
        `<td>${escapeHtml(f.lastRequestAt ?? '-')}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>FDM bridge: transparency console</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .6em;text-align:left}</style>
</head><body>
<h1>FDM bridge internet interface</h1>
<p>Read-only view for the tax administration (A-7). Generated ${escapeHtml(snapshot.generatedAt)} by node
${escapeHtml(snapshot.nodes.find((n) => n.self)?.nodeId ?? '?')}; nodes: ${snapshot.nodes.map((n) => escapeHtml(n.nodeId)).join(', ')}.
The same data as JSON: <a href="/console.json">/console.json</a>.</p>
<table><thead><tr><th>fdmId</th><th>bridge</th><th>allowed (vatNo / estNo / posId)</th><th>uplink</th><th>since</th><th>requests</th><th>last request</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}
