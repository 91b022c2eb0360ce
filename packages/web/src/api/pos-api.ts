import type { ApiError } from './client.js';
import type { Result } from './result.js';
import type {
  Customer,
  Department,
  Establishment,
  FdmState,
  Floor,
  FloorInput,
  LoginUser,
  Me,
  NewUser,
  OrderSent,
  PaymentResult,
  Place,
  PlaceInput,
  Printer,
  PrinterInput,
  Product,
  Registration,
  RegisterIdentity,
  TerminalInfo,
  Tender,
  Ticket,
  User,
} from './types.js';

export type Answer<T> = Promise<Result<T, ApiError>>;

export interface LineMove {
  readonly lineNo: number;
  /** null: the whole open quantity of the line. */
  readonly quantity: number | null;
}

/** Every call the screens make to the POS server, in the screens' words (money in cents). */
export interface PosApi {
  identity(): Answer<RegisterIdentity>;
  /** The names the login screen offers (needs only the terminal token). */
  loginUsers(): Answer<readonly LoginUser[]>;
  login(alias: string, pin: string): Answer<{ sessionToken: string; me: Me }>;
  logout(): Answer<boolean>;
  me(): Answer<Me>;
  fdmState(): Answer<FdmState>;
  clockIn(): Answer<Ticket>;
  clockOut(): Answer<Ticket>;
  setTraining(scope: 'TERMINAL' | 'USER', training: boolean): Answer<{ terminal: boolean; user: boolean }>;

  catalog(): Answer<{ departments: readonly Department[]; products: readonly Product[] }>;
  places(): Answer<readonly Place[]>;
  floors(): Answer<readonly Floor[]>;
  openRegistrations(): Answer<readonly Registration[]>;
  startRegistration(costCenterId: string | null, proForma?: boolean): Answer<Registration>;
  registration(registrationId: string): Answer<Registration | null>;
  /** `note`: a kitchen note, printed on the kitchen ticket only. */
  addLine(
    registrationId: string,
    productId: string,
    quantity: number,
    note?: string | null,
  ): Answer<Registration>;
  /** Sets (null clears) the kitchen note of a line not yet sent to the kitchen. */
  setLineNote(registrationId: string, lineNo: number, note: string | null): Answer<Registration>;
  correctLine(
    registrationId: string,
    lineNo: number,
    quantity: number | null,
    reason: string,
  ): Answer<Registration>;
  sendOrder(registrationId: string): Answer<OrderSent>;
  preBill(registrationId: string): Answer<Ticket>;
  transfer(
    registrationId: string,
    toCostCenterId: string,
    lines: readonly LineMove[] | null,
  ): Answer<{ registrationId: string; sourceClosed: boolean; ticket: Ticket }>;
  pay(registrationId: string, tenders: readonly Tender[], tip: Tender | null): Answer<PaymentResult>;
  cancelRegistration(registrationId: string, reason: string): Answer<PaymentResult>;

  tickets(limit: number): Answer<readonly Ticket[]>;
  ticket(id: number): Answer<Ticket | null>;
  refund(
    ticketId: number,
    lines: readonly LineMove[] | null,
    tenders: readonly Tender[],
  ): Answer<PaymentResult>;
  copyTicket(ticketId: number): Answer<Ticket>;
  /**
   * Prints a ticket on a network printer through the server (null: the terminal's receipt
   * printer). The original prints once; then ALREADY_PRINTED.
   */
  printTicket(ticketId: number, printerId: string | null): Answer<{ printerId: string; bytes: number }>;
  /**
   * The kitchen ticket of a signed order (its ticket id) on the terminal's kitchen printer
   * (null) or another; may print again, then marked as a reprint for the kitchen.
   */
  printKitchenTicket(
    ticketId: number,
    printerId: string | null,
  ): Answer<{ printerId: string; bytes: number; reprint: boolean }>;
  invoice(ticketIds: readonly number[], customer: Customer): Answer<{ ticket: Ticket; invoiceNo: string }>;

  /** Money put in (positive) or taken out (negative) of the drawer. */
  moneyInOut(amountCents: number): Answer<Ticket>;
  drawerDeclaration(countedCents: number): Answer<Ticket>;
  openDrawer(): Answer<Ticket>;

  /** The financial and the users report, X (closes nothing) or Z (closes the period). */
  report(kind: 'X' | 'Z'): Answer<readonly Ticket[]>;

  saveDepartment(department: Department): Answer<Department>;
  saveProduct(product: Product): Answer<Product>;
  createUser(user: NewUser): Answer<User>;

  printers(): Answer<readonly Printer[]>;
  savePrinter(printer: PrinterInput): Answer<Printer>;
  terminals(): Answer<readonly TerminalInfo[]>;
  /** The token comes once, here; only its hash is kept. */
  createTerminal(
    terminalId: string,
    name: string,
    deviceId: string,
  ): Answer<{ terminal: TerminalInfo; token: string }>;
  updateTerminal(
    terminalId: string,
    name: string,
    receiptPrinterId: string | null,
    kitchenPrinterId: string | null,
    /** Omitted: unchanged. false retires it: its token stops working. */
    active?: boolean,
  ): Answer<TerminalInfo>;
  establishment(): Answer<Establishment>;
  updateEstablishment(name: string, address: string, ticketFooter: string | null): Answer<Establishment>;
  saveFloor(floor: FloorInput): Answer<Floor>;
  savePlace(place: PlaceInput): Answer<Place>;
}
