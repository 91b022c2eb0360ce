/**
 * The API of the restaurant UI (issue 5): login list, table plan, terminals, establishment,
 * printers and server-side printing. Settings need a manager; loginUsers only the terminal.
 */
import { upsertCostCenter, type PlaceType } from '../master-data/cost-centers.js';
import { listFloors, upsertFloor } from '../master-data/floors.js';
import { defaultPrinterPort, listPrinters, upsertPrinter, type Printer } from '../master-data/printers.js';
import { updateEstablishment } from '../master-data/settings.js';
import { createTerminal, listTerminals, updateTerminal, type Terminal } from '../master-data/terminals.js';
import { listUsers } from '../master-data/users.js';
import { printKitchenOrder, printTicket } from '../printing/ticket-printing.js';
import { openRegistrationSummaries, preBilledRegistrations } from '../register/registration-store.js';
import { actorOf, arg, by, managerOf, terminalOf, unwrap, type Args, type PosContext } from './access.js';

/** `active` absent or null keeps the stored state (a new record starts active). */
const activeArg = (args: Args): { active?: boolean } => {
  const active = arg<boolean | null | undefined>(args, 'active');
  return typeof active === 'boolean' ? { active } : {};
};

export type TableState = 'FREE' | 'OCCUPIED' | 'PRE_BILLED';

export function tableState(registrationId: string | null, preBilled: ReadonlySet<string>): TableState {
  if (registrationId === null) return 'FREE';
  return preBilled.has(registrationId) ? 'PRE_BILLED' : 'OCCUPIED';
}

/** A terminal as managers see it: never its token, which only its hash stands for. */
const terminalView = (t: Terminal) => ({
  terminalId: t.terminalId,
  name: t.name,
  deviceId: t.deviceId,
  training: t.training,
  receiptPrinterId: t.receiptPrinterId,
  kitchenPrinterId: t.kitchenPrinterId,
  active: t.active,
});

function establishmentView(context: PosContext) {
  const { establishment, posId } = context.runtime.settings;
  return {
    name: establishment.name,
    address: establishment.address,
    vatNo: establishment.vatNo,
    estNo: establishment.estNo,
    posId,
    ticketFooter: establishment.ticketFooter ?? null,
  };
}

export const restaurantResolvers = {
  Query: {
    async loginUsers(_: unknown, __: Args, context: PosContext) {
      await terminalOf(context);
      return (await listUsers(context.runtime.deps.db))
        .filter((user) => user.active)
        .map((user) => ({ userId: user.userId, alias: user.alias, role: user.role }));
    },
    async floors(_: unknown, __: Args, context: PosContext) {
      await actorOf(context);
      return listFloors(context.runtime.deps.db);
    },
    async terminals(_: unknown, __: Args, context: PosContext) {
      await managerOf(context);
      return (await listTerminals(context.runtime.deps.db)).map(terminalView);
    },
    async establishment(_: unknown, __: Args, context: PosContext) {
      await actorOf(context);
      return establishmentView(context);
    },
    async printers(_: unknown, __: Args, context: PosContext) {
      await actorOf(context);
      return listPrinters(context.runtime.deps.db);
    },
  },

  Mutation: {
    async upsertFloor(_: unknown, args: Args, context: PosContext) {
      const actor = await managerOf(context);
      return unwrap(
        await upsertFloor(
          context.runtime.deps.db,
          {
            floorId: arg(args, 'floorId'),
            name: arg(args, 'name'),
            position: arg(args, 'position'),
            ...activeArg(args),
          },
          by(actor),
          context.runtime.deps.clock,
        ),
      );
    },
    async upsertCostCenter(_: unknown, args: Args, context: PosContext) {
      const actor = await managerOf(context);
      const db = context.runtime.deps.db;
      const saved = unwrap(
        await upsertCostCenter(
          db,
          {
            costCenterId: arg(args, 'costCenterId'),
            name: arg(args, 'name'),
            type: arg<PlaceType>(args, 'type'),
            floorId: arg<string | null | undefined>(args, 'floorId') ?? null,
            ...activeArg(args),
          },
          by(actor),
          context.runtime.deps.clock,
        ),
      );
      const open = await openRegistrationSummaries(db, { costCenterId: saved.costCenterId });
      const registrationId = open[0]?.registrationId ?? null;
      const preBilled = await preBilledRegistrations(db, registrationId === null ? [] : [registrationId]);
      return {
        ...saved,
        floorId: saved.floorId ?? null,
        active: saved.active ?? true,
        openRegistrationId: registrationId,
        state: tableState(registrationId, preBilled),
      };
    },
    async createTerminal(_: unknown, args: Args, context: PosContext) {
      const actor = await managerOf(context);
      const made = unwrap(
        await createTerminal(
          context.runtime.deps.db,
          { terminalId: arg(args, 'terminalId'), name: arg(args, 'name'), deviceId: arg(args, 'deviceId') },
          by(actor),
          context.runtime.deps.clock,
        ),
      );
      return { terminal: terminalView(made.terminal), token: made.token };
    },
    async updateTerminal(_: unknown, args: Args, context: PosContext) {
      const actor = await managerOf(context);
      return terminalView(
        unwrap(
          await updateTerminal(
            context.runtime.deps.db,
            {
              terminalId: arg(args, 'terminalId'),
              name: arg(args, 'name'),
              receiptPrinterId: arg<string | null | undefined>(args, 'receiptPrinterId') ?? null,
              kitchenPrinterId: arg<string | null | undefined>(args, 'kitchenPrinterId') ?? null,
              ...activeArg(args),
            },
            by(actor),
            context.runtime.deps.clock,
          ),
        ),
      );
    },
    async updateEstablishment(_: unknown, args: Args, context: PosContext) {
      const actor = await managerOf(context);
      const saved = unwrap(
        await updateEstablishment(
          context.runtime.deps.db,
          {
            name: arg(args, 'name'),
            address: arg(args, 'address'),
            ticketFooter: arg<string | null | undefined>(args, 'ticketFooter') ?? null,
          },
          by(actor),
          context.runtime.deps.clock,
        ),
      );
      context.runtime.useSettings(saved);
      return establishmentView(context);
    },
    async upsertPrinter(_: unknown, args: Args, context: PosContext) {
      const actor = await managerOf(context);
      const { active, ...input } = arg<
        Omit<Printer, 'port' | 'columns' | 'active'> & {
          port?: number | null;
          columns?: number | null;
          active?: boolean | null;
        }
      >(args, 'input');
      return unwrap(
        await upsertPrinter(
          context.runtime.deps.db,
          {
            ...input,
            port: input.port ?? defaultPrinterPort,
            columns: (input.columns ?? 42) as Printer['columns'],
            ...(typeof active === 'boolean' ? { active } : {}),
          },
          by(actor),
          context.runtime.deps.clock,
        ),
      );
    },
    async printTicket(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      const printed = unwrap(
        await printTicket(context.runtime.printing, actor, {
          ticketId: arg(args, 'ticketId'),
          printerId: arg<string | null | undefined>(args, 'printerId') ?? null,
          width: arg<number | null | undefined>(args, 'width') ?? null,
        }),
      );
      return { ...printed, reprint: false };
    },
    async printKitchenTicket(_: unknown, args: Args, context: PosContext) {
      const actor = await actorOf(context);
      return unwrap(
        await printKitchenOrder(context.runtime.printing, actor, {
          ticketId: arg(args, 'ticketId'),
          printerId: arg<string | null | undefined>(args, 'printerId') ?? null,
        }),
      );
    },
  },
};
