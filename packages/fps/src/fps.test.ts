import { createPublicKey, X509Certificate } from 'node:crypto';
import { loadFdmState, verifyEventSignature, type StoredEvent } from '@gks/fdm';
import { describeEachBackend, sharedDatabase } from '@gks/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFpsDatabase } from './db/open-fps-database.js';
import { appendOnlyTables } from './db/migrations.js';
import { canonicalJson } from '@gks/audit';
import { signatureHolds } from './events/event-signature.js';
import type { UploadReport } from './events/upload.js';
import { asFdm, testFdm, testFps, type TestFdm, type TestFps } from './testing/fixtures.js';
import type { TicketVerdict } from './verification/verify-ticket.js';

const upload = async (
  fps: TestFps,
  fdmId: string | null,
  events: unknown[],
): Promise<{ status: number; body: UploadReport }> => {
  const response = await asFdm(fps.app, fdmId)('/fdm/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  return { status: response.status, body: (await response.json()) as UploadReport };
};

const verify = async (
  fps: TestFps,
  path: string,
  accept = 'application/json',
): Promise<{ status: number; body: TicketVerdict; type: string }> => {
  const response = await asFdm(fps.app, null)(`/verify/${path}`, { headers: { accept } });
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    type,
    body: (type.includes('json') ? await response.json() : await response.text()) as TicketVerdict,
  };
};

const refPath = (e: StoredEvent): string =>
  `${e.fields.fdmId}/${e.fields.totalCounter}/${e.result.shortSignature ?? ''}`;

describeEachBackend('FPS', (backend) => {
  describe('with an FDM initialised against its CA', () => {
    let fps: TestFps;
    let fdm: TestFdm;
    beforeAll(async () => {
      fps = await testFps(await backend.fresh());
      await fps.registerFdm('FPS01000001');
      fdm = await testFdm(fps.ca, 'FPS01000001');
      for (let i = 1; i <= 3; i++) await fdm.sale(i, 10 * i + 0.5);
    });
    afterAll(async () => {
      await fdm?.dispose();
      await fps?.dispose();
    });

    it('issues an FDM certificate that the FDM accepts and whose key signs verifiable events', async () => {
      const state = await loadFdmState(fdm.dir);
      expect(state.ok).toBe(true);
      const cert = new X509Certificate(fdm.certificatePem);
      expect(cert.subject).toContain('CN=FPS01000001');
      expect(cert.verify(createPublicKey(fps.ca.caCertificatePem))).toBe(true);
      const [first] = await fdm.events();
      expect(first && verifyEventSignature(cert.publicKey, first.fields, first.result.digitalSignature)).toBe(
        true,
      );
      // our own reading of the signature format agrees with the FDM's
      expect(first && signatureHolds(cert.publicKey, first.fields, first.result.digitalSignature)).toBe(true);
      const issued = await fps.database.db
        .selectFrom('issued_certificate')
        .select(['kind', 'fdm_id'])
        .execute();
      expect(issued).toEqual(
        expect.arrayContaining([
          { kind: 'FDM', fdm_id: 'FPS01000001' },
          { kind: 'FDM-SERVER', fdm_id: null },
        ]),
      );
    });

    it('stores uploaded events once: a resend is a no-op, other content under the same fdmRef is refused and kept', async () => {
      const events = await fdm.events();
      const first = await upload(fps, 'FPS01000001', events);
      expect(first.status).toBe(200);
      expect(first.body.outcomes.map((o) => o.outcome)).toEqual(['stored', 'stored', 'stored']);
      expect(first.body.acknowledgedThrough).toBe(3);

      const again = await upload(fps, 'FPS01000001', events);
      expect(again.body.outcomes.map((o) => o.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate']);
      const event = events[1] as StoredEvent;
      const altered = { ...event, result: { ...event.result, footer: ['changed after signing'] } };
      const conflict = await upload(fps, 'FPS01000001', [altered]);
      expect(conflict.body.outcomes).toEqual([
        {
          totalCounter: 2,
          outcome: 'refused',
          reason: 'an event with this fdmRef and other content is already stored',
        },
      ]);
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM uploaded_event`.execute(
        fps.database.db,
      );
      expect(rows[0]?.n).toBe(3);
      const refusals = await fps.database.db
        .selectFrom('upload_refusal')
        .select(['total_counter', 'reason'])
        .execute();
      expect(refusals).toEqual([{ total_counter: 2, reason: expect.stringMatching(/other content/) }]);
      const stored = await fps.database.db
        .selectFrom('uploaded_event')
        .select('payload')
        .where('total_counter', '=', 2)
        .executeTakeFirst();
      expect(stored?.payload).toBe(canonicalJson(event));
    });

    it.each([
      [
        'a changed total (signature no longer holds)',
        (e: StoredEvent) => ({ ...e, request: { ...(e.request as object), posSwVersion: '9' } }),
        /dataHash/,
      ],
      [
        'a changed signed field',
        (e: StoredEvent) => ({ ...e, fields: { ...e.fields, posFiscalTicketNo: 99 } }),
        /signature does not verify/,
      ],
      [
        'a signature of another event',
        (e: StoredEvent) => ({ ...e, result: { ...e.result, digitalSignature: 'A'.repeat(86) + '==' } }),
        /signature/,
      ],
      ['no fields', (e: StoredEvent) => ({ request: e.request, result: e.result }), /fields/],
      [
        'an extra signed-looking field',
        (e: StoredEvent) => ({ ...e, fields: { ...e.fields, extra: 1 } }),
        /not signed/,
      ],
      ['a string', () => 'event', /not an object/],
      ['null', () => null, /not an object/],
    ])('refuses %s on arrival and keeps it as evidence', async (_name, mutate, reason) => {
      const fresh = await fdm.sale(100 + Math.floor(Math.random() * 1e6));
      const { body } = await upload(fps, 'FPS01000001', [mutate(fresh)]);
      expect(body.outcomes[0]).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(reason) });
    });

    it("refuses an FDM uploading another FDM's event, and an upload without a client certificate", async () => {
      const [event] = await fdm.events();
      await fps.registerFdm('FPS01000002');
      const { body } = await upload(fps, 'FPS01000002', [event]);
      expect(body.outcomes[0]).toMatchObject({
        outcome: 'refused',
        reason: 'event of FPS01000001 uploaded by FPS01000002',
      });
      expect((await upload(fps, null, [event])).status).toBe(401);
      expect((await upload(fps, 'FPS09999999', [event])).status).toBe(403);
    });

    it('verification: a real ticket is valid with date, total and establishment; unknown and forged say so', async () => {
      const [first] = await fdm.events();
      if (!first) throw new Error('no event');
      const real = await verify(fps, refPath(first));
      expect(real.status).toBe(200);
      expect(real.body).toMatchObject({
        status: 'valid',
        fdmId: 'FPS01000001',
        totalCounter: 1,
        fdmDateTime: first.fields.fdmDateTime,
        totalCents: 1050,
        estNo: '2000000042',
      });
      expect(first.result.verificationUrl).toBe(`https://fps.test/verify/${refPath(first)}`);
      const short = first.result.shortSignature ?? '';
      const forged = short.slice(0, -1) + (short.endsWith('0') ? '1' : '0');
      expect((await verify(fps, `FPS01000001/1/${forged}`)).body.status).toBe('forged');
      expect((await verify(fps, `FPS01000001/999999/${short}`)).body.status).toBe('unknown');
      expect((await verify(fps, `FPS07777777/1/${short}`)).body.status).toBe('unknown');
      for (const bad of [
        `fps01000001/1/${short}`,
        `FPS01000001/0/${short}`,
        `FPS01000001/1/${short.toUpperCase()}`,
        'FPS01000001/1/xyz',
        `FPS01000001/-1/${short}`,
      ]) {
        const answer = await verify(fps, bad);
        expect(answer.status, bad).toBe(400);
        expect(answer.body.status, bad).toBe('malformed');
      }
      const page = await verify(fps, refPath(first), 'text/html');
      expect(page.type).toContain('text/html');
      expect(String(page.body)).toContain('This ticket is registered');
      expect(String(page.body)).toContain('€ 10,50');
      expect(String((await verify(fps, `FPS01000001/1/${forged}`, 'text/html')).body)).toContain(
        'does not match',
      );
    });

    it('auditor: reads events filtered by FDM and period, only with the credential', async () => {
      const get = (query: string, auth: string | null) =>
        asFdm(fps.app, null)(`/audit/events${query}`, {
          headers: { accept: 'application/json', ...(auth ? { authorization: auth } : {}) },
        });
      const basic = (user: string, pw: string) => `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`;
      expect((await get('', null)).status).toBe(401);
      expect((await get('', basic('auditor', 'wrong'))).status).toBe(401);
      expect((await get('', basic('admin', fps.auditorPassword))).status).toBe(401);
      const ok = await get('?fdmId=FPS01000001', basic('auditor', fps.auditorPassword));
      expect(ok.status).toBe(200);
      const { events } = (await ok.json()) as { events: { totalCounter: number }[] };
      expect(events.slice(0, 3).map((e) => e.totalCounter)).toEqual([1, 2, 3]);
      const none = await get('?fdmId=FPS01000001&from=2030-01-01', basic('auditor', fps.auditorPassword));
      expect(((await none.json()) as { events: unknown[] }).events).toEqual([]);
      for (const bad of ['?fdmId=x', '?from=yesterday', '?limit=0', '?after=zz']) {
        expect((await get(bad, basic('auditor', fps.auditorPassword))).status, bad).toBe(400);
      }
      const page = await asFdm(fps.app, null)('/audit/events', {
        headers: { authorization: basic('auditor', fps.auditorPassword) },
      });
      expect(await page.text()).toContain('FPS01000001');
    });
  });

  describe('database roles', () => {
    const shared = sharedDatabase(backend, (location) => openFpsDatabase(location, 'owner'));

    it('the auditor role can SELECT but not write anything, nor read the certificates and codes', async () => {
      const owner = await shared();
      await owner.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL ROLE fps_auditor`.execute(trx);
        await sql`SELECT count(*) FROM uploaded_event`.execute(trx);
      });
      for (const statement of [
        `INSERT INTO uploaded_event (fdm_id, total_counter, event_label, event_counter, event_operation, fdm_date_time, is_training, pos_id, pos_fiscal_ticket_no, digital_signature, short_signature, payload, received_at)
         VALUES ('X', 1, 'N', 1, 'SALE', 'x', false, 'p', 1, 's', '${'0'.repeat(40)}', '{}', now())`,
        `DELETE FROM uploaded_event`,
        `UPDATE fdm_registration SET bii_enabled = true`,
        `INSERT INTO fdm_registration (fdm_id, owner_vat_no, est_no, allowed_pos_ids, bii_enabled, registered_at, registered_by) VALUES ('FPS01000009', 'BE0000000097', '2000000042', '[]', true, now(), 'x')`,
        `SELECT * FROM activation_code`,
        `SELECT * FROM issued_certificate`,
        `CREATE TABLE sneaky (v int)`,
      ]) {
        const failure = await owner.db
          .transaction()
          .execute(async (trx) => {
            await sql`SET LOCAL ROLE fps_auditor`.execute(trx);
            await sql.raw(statement).execute(trx);
          })
          .then(
            () => null,
            (e: Error) => e.message,
          );
        expect(failure, statement).toMatch(/permission denied/);
      }
    });

    it.each(appendOnlyTables)('%s is append-only, even for the owner', async (table) => {
      const owner = await shared();
      for (const statement of [
        `UPDATE ${table} SET ${table === 'activation_use' ? 'used_at = now()' : 'fdm_id = fdm_id'}`.replace(
          /(operator_registration|pos_registration|vat_rate_table) SET fdm_id = fdm_id/,
          (m) => m.replace('fdm_id = fdm_id', 'registered_by = registered_by'),
        ),
        `DELETE FROM ${table}`,
        `TRUNCATE ${table} CASCADE`,
      ]) {
        const failure = await sql
          .raw(statement)
          .execute(owner.db)
          .then(
            () => null,
            (e: Error) => e.message,
          );
        expect(failure, statement).toMatch(/append-only/);
      }
    });
  });
});
