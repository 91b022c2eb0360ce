import type { Sql } from '../store/sql.js';

/** Where an FDM's live uplink is: which node, and that node's peer address. */
export interface Route {
  readonly nodeId: string;
  readonly peerUrl: string;
}

export interface AttachmentRow {
  readonly fdmId: string;
  readonly nodeId: string;
  readonly attachedAt: Date;
  /** The node holding the link still reports in. */
  readonly nodeLive: boolean;
}

/**
 * Which node holds which FDM's uplink, in the database every node shares, so that a request
 * reaching node 2 for an FDM attached to node 1 is sent there (one HTTPS hop, see peer/).
 * A node that stops reporting (killed) is ignored after `staleMs`; its FDMs reattach elsewhere
 * and overwrite their rows.
 */
export class RouteTable {
  constructor(
    private readonly sql: Sql,
    private readonly staleMs: number,
  ) {}

  async reportNode(nodeId: string, peerUrl: string, now: Date): Promise<void> {
    await this.sql.query(
      `INSERT INTO bii_nodes (node_id, peer_url, seen_at) VALUES ($1, $2, $3)
       ON CONFLICT (node_id) DO UPDATE SET peer_url = $2, seen_at = $3`,
      [nodeId, peerUrl, now],
    );
  }

  async attach(fdmId: string, linkId: string, nodeId: string, now: Date): Promise<void> {
    await this.sql.query(
      `INSERT INTO bii_attachments (fdm_id, node_id, link_id, attached_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (fdm_id) DO UPDATE SET node_id = $2, link_id = $3, attached_at = $4`,
      [fdmId, nodeId, linkId, now],
    );
  }

  /** Removes the row only if it is still this link's: a newer attach elsewhere stays. */
  async detach(fdmId: string, linkId: string): Promise<void> {
    await this.sql.query(`DELETE FROM bii_attachments WHERE fdm_id = $1 AND link_id = $2`, [fdmId, linkId]);
  }

  async whereIs(fdmId: string, now: Date): Promise<Route | undefined> {
    const rows = await this.sql.query<{ node_id: string; peer_url: string }>(
      `SELECT n.node_id, n.peer_url FROM bii_attachments a JOIN bii_nodes n ON n.node_id = a.node_id
        WHERE a.fdm_id = $1 AND n.seen_at > $2 AND n.peer_url <> ''`,
      [fdmId, new Date(now.getTime() - this.staleMs)],
    );
    const row = rows[0];
    return row ? { nodeId: row.node_id, peerUrl: row.peer_url } : undefined;
  }

  async attachments(now: Date): Promise<AttachmentRow[]> {
    const rows = await this.sql.query<{ fdm_id: string; node_id: string; attached_at: Date; live: boolean }>(
      `SELECT a.fdm_id, a.node_id, a.attached_at, COALESCE(n.seen_at > $1, false) AS live
         FROM bii_attachments a LEFT JOIN bii_nodes n ON n.node_id = a.node_id ORDER BY a.fdm_id`,
      [new Date(now.getTime() - this.staleMs)],
    );
    return rows.map((r) => ({
      fdmId: r.fdm_id,
      nodeId: r.node_id,
      attachedAt: new Date(r.attached_at),
      nodeLive: r.live,
    }));
  }

  /** A node that stops cleanly hands its FDMs back: they reattach to another node. */
  async leave(nodeId: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query(`DELETE FROM bii_attachments WHERE node_id = $1`, [nodeId]);
      await tx.query(`DELETE FROM bii_nodes WHERE node_id = $1`, [nodeId]);
    });
  }

  /** Adds this node's request counts since the last flush. */
  async addUsage(nodeId: string, counts: ReadonlyMap<string, { count: number; last: Date }>): Promise<void> {
    for (const [fdmId, { count, last }] of counts) {
      await this.sql.query(
        `INSERT INTO bii_usage (fdm_id, node_id, requests, last_request_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (fdm_id, node_id) DO UPDATE
           SET requests = bii_usage.requests + $3,
               last_request_at = GREATEST(bii_usage.last_request_at, $4)`,
        [fdmId, nodeId, count, last],
      );
    }
  }

  async usage(): Promise<Map<string, { requests: number; lastRequestAt: Date | null }>> {
    const rows = await this.sql.query<{ fdm_id: string; requests: number; last: Date | null }>(
      `SELECT fdm_id, SUM(requests)::float8 AS requests, MAX(last_request_at) AS last FROM bii_usage GROUP BY fdm_id`,
    );
    return new Map(
      rows.map((r) => [
        r.fdm_id,
        { requests: Number(r.requests), lastRequestAt: r.last ? new Date(r.last) : null },
      ]),
    );
  }
}
