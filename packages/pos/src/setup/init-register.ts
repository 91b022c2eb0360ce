import { ok, type Result } from '@gks/core';
import type { Clock, Database } from '../journal/journal.js';
import { openBookingPeriod } from '../master-data/booking-periods.js';
import { upsertDepartment, upsertProduct, type ProductInput } from '../master-data/catalog.js';
import { listCostCenters, upsertCostCenter, type CostCenter } from '../master-data/cost-centers.js';
import { listFloors, upsertFloor, type Floor } from '../master-data/floors.js';
import { loadSettings, saveSettings, type RegisterSettings } from '../master-data/settings.js';
import { createTerminal } from '../master-data/terminals.js';
import { createUser, technicianEmployeeId, type NewUser } from '../master-data/users.js';
import { posError, type PosError } from '../register/pos-error.js';

export interface InitOptions {
  readonly settings: RegisterSettings;
  /** PIN of the technician user (00000000097, C-29) who does the set-up. */
  readonly technicianPin: string;
  /** Terminals to create; their tokens are answered once. */
  readonly terminals: readonly { terminalId: string; name: string; deviceId: string; token?: string }[];
  readonly demo?: boolean;
}

export interface InitReport {
  readonly terminalTokens: readonly { terminalId: string; token: string }[];
  readonly users: readonly { alias: string; pin: string; role: string }[];
}

export const technicianUserId = 'technician';

/** Sets a new register up: settings, the technician, terminals and, with `demo`, a demo restaurant. */
export async function initRegister(
  db: Database,
  options: InitOptions,
  clock: Clock,
): Promise<Result<InitReport, PosError>> {
  if ((await loadSettings(db)).ok) return posError('DUPLICATE_ID', 'this register is initialised already');
  const technician = await createUser(
    db,
    {
      userId: technicianUserId,
      alias: 'Technician',
      employeeId: technicianEmployeeId,
      pin: options.technicianPin,
      role: 'technician',
    },
    { userId: technicianUserId, terminalId: null },
    clock,
  );
  if (!technician.ok) return technician;
  const by = { userId: technicianUserId, terminalId: null };
  const saved = await saveSettings(db, options.settings, by, clock);
  if (!saved.ok) return saved;
  const terminalTokens: { terminalId: string; token: string }[] = [];
  for (const terminal of options.terminals) {
    const created = await createTerminal(db, terminal, by, clock);
    if (!created.ok) return created;
    terminalTokens.push({ terminalId: terminal.terminalId, token: created.value.token });
  }
  const users: { alias: string; pin: string; role: string }[] = [
    { alias: 'Technician', pin: options.technicianPin, role: 'technician' },
  ];
  if (options.demo) {
    const demo = await loadDemoRestaurant(db, by, clock);
    if (!demo.ok) return demo;
    users.push(...demo.value);
  }
  return ok({ terminalTokens, users });
}

/** Two users with their PINs (printed by gks up). */
export const demoUsers: readonly (NewUser & { pin: string })[] = [
  { userId: 'ann', alias: 'Ann', employeeId: '85010112387', pin: '1234', role: 'waiter' },
  { userId: 'bob', alias: 'Bob', employeeId: '90031545635', pin: '5678', role: 'manager' },
];

export const demoProducts: readonly ProductInput[] = [
  {
    productId: '10006',
    name: 'Dry Martini',
    departmentId: '10',
    unitPriceCents: 1200,
    vatLabel: 'A',
    quantityType: 'PIECE',
  },
  {
    productId: '10010',
    name: 'Spa Reine 25cl',
    departmentId: '11',
    unitPriceCents: 300,
    vatLabel: 'A',
    quantityType: 'PIECE',
  },
  {
    productId: '10011',
    name: 'Draught beer 33cl',
    departmentId: '11',
    unitPriceCents: 380,
    vatLabel: 'A',
    quantityType: 'PIECE',
  },
  {
    productId: '10012',
    name: 'House wine (l)',
    departmentId: '11',
    unitPriceCents: 2400,
    vatLabel: 'A',
    quantityType: 'LITRE',
  },
  {
    productId: '22001',
    name: 'Burger of the Chef',
    departmentId: '22',
    unitPriceCents: 2800,
    vatLabel: 'B',
    quantityType: 'PIECE',
  },
  {
    productId: '22002',
    name: 'Spaghetti Bolognese',
    departmentId: '22',
    unitPriceCents: 1850,
    vatLabel: 'B',
    quantityType: 'PIECE',
  },
  {
    productId: '22003',
    name: 'Salad bar (kg)',
    departmentId: '22',
    unitPriceCents: 1619,
    vatLabel: 'B',
    quantityType: 'KILOGRAM',
  },
  {
    productId: '30001',
    name: 'Dame blanche',
    departmentId: '30',
    unitPriceCents: 950,
    vatLabel: 'B',
    quantityType: 'PIECE',
  },
  {
    productId: '40001',
    name: 'Chocolates to take away',
    departmentId: '40',
    unitPriceCents: 1233,
    vatLabel: 'C',
    quantityType: 'PIECE',
  },
];

async function loadDemoRestaurant(
  db: Database,
  by: { userId: string; terminalId: null },
  clock: Clock,
): Promise<Result<{ alias: string; pin: string; role: string }[], PosError>> {
  for (const [departmentId, name] of [
    ['10', 'Aperitifs'],
    ['11', 'Drinks'],
    ['22', 'Main dishes'],
    ['30', 'Desserts'],
    ['40', 'Take away'],
  ] as const) {
    const done = await upsertDepartment(db, { departmentId, name }, by, clock);
    if (!done.ok) return done;
  }
  for (const product of demoProducts) {
    const done = await upsertProduct(db, product, by, clock);
    if (!done.ok) return done;
  }
  const floors = await loadDemoFloors(db, by, clock);
  if (!floors.ok) return floors;
  for (const user of demoUsers) {
    const done = await createUser(db, user, by, clock);
    if (!done.ok) return done;
  }
  const period = await openBookingPeriod(db, by, clock);
  if (!period.ok) return period;
  return ok(demoUsers.map((u) => ({ alias: u.alias, pin: u.pin, role: u.role })));
}

/** The demo table plan: a dining room and a terrace; take-away and on-hold orders on no floor. */
export const demoFloors: readonly Floor[] = [
  { floorId: 'zaal', name: 'Zaal', position: 10, active: true },
  { floorId: 'terras', name: 'Terras', position: 20, active: true },
];

export const demoPlaces: readonly CostCenter[] = [
  ...Array.from({ length: 12 }, (_, i) => ({
    costCenterId: `T${i + 1}`,
    name: `Table ${i + 1}`,
    type: 'TABLE' as const,
    floorId: i < 8 ? 'zaal' : 'terras',
  })),
  { costCenterId: 'BAR', name: 'Bar', type: 'OTHER', floorId: 'zaal' },
  { costCenterId: 'TAKEAWAY', name: 'Take away', type: 'OTHER', floorId: null },
  { costCenterId: 'HOLD', name: 'On hold', type: 'ON_HOLD', floorId: null },
];

/**
 * Draws the demo table plan: its floors and places, unless the register has floors already
 * (a manager's own plan is never touched). Also for demo registers made before floors existed.
 */
export async function loadDemoFloors(
  db: Database,
  by: { userId: string; terminalId: string | null },
  clock: Clock,
): Promise<Result<{ placed: boolean }, PosError>> {
  if ((await listFloors(db)).length > 0) return ok({ placed: false });
  for (const floor of demoFloors) {
    const done = await upsertFloor(db, floor, by, clock);
    if (!done.ok) return done;
  }
  const existing = new Map((await listCostCenters(db)).map((c) => [c.costCenterId, c]));
  for (const place of demoPlaces) {
    const known = existing.get(place.costCenterId);
    // A place the manager moved or retired keeps his choice.
    if (known && ((known.floorId ?? null) !== null || known.active === false)) continue;
    const done = await upsertCostCenter(
      db,
      known ? { ...known, floorId: place.floorId ?? null } : place,
      by,
      clock,
    );
    if (!done.ok) return done;
  }
  return ok({ placed: true });
}

/** The demo restaurant's identities: those of the demo FDM (`gks up`), which has this POS on its allow-list. */
export function demoSettings(fdmUrl: string, caPem?: string): RegisterSettings {
  return {
    establishment: {
      name: 'Brasserie De Demo',
      address: 'Grote Markt 1, 1000 Brussel',
      vatNo: 'BE0000000097',
      estNo: '2000000042',
    },
    posId: 'CPOS0031234567',
    language: 'NL',
    fdm: { url: fdmUrl, ...(caPem ? { caPem } : {}) },
  };
}

export const demoTerminals: InitOptions['terminals'] = [
  { terminalId: 'T1', name: 'Bar', deviceId: 'demo-bar-tablet-1' },
  { terminalId: 'T2', name: 'Terrace', deviceId: 'demo-terrace-tablet-2' },
];
