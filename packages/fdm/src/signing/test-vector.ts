/**
 * The published signature test vector (package README, "Signature format"). Fixed inputs, the
 * exact bytes they give, and one signature made once with the throw-away key below: ECDSA
 * signatures are randomized, so the vector fixes the bytes and a signature that must verify.
 * The private key is a public test key; it signs nothing real.
 */
import type { SignedEventFields } from './signed-event.js';

export const vectorPrivateKeyPem = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgWXqZA4TxxgN7FH6b
HzEcMsElwZfTb/nS8as+BCLlkMChRANCAASgbdxGkfvn/FKPYssho9IazmPlZO2U
HJ2ObOT+rx719o71ai7yxMqW3mhUHp+G/zvGanpoyPMHLAfBevRQW6yH
-----END PRIVATE KEY-----
`;

export const vectorPublicKeyPem = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEoG3cRpH75/xSj2LLIaPSGs5j5WTt
lBydjmzk/q8e9faO9Wou8sTKlt5oVB6fhv87xmp6aMjzBywHwXr0UFushw==
-----END PUBLIC KEY-----
`;

/** The mutation's `data` (a one-line sale, as received after GraphQL coercion). */
export const vectorData = {
  language: 'EN',
  vatNo: 'BE0000000097',
  estNo: '2000000042',
  posId: 'CPOS0031234567',
  posFiscalTicketNo: 1000,
  posDateTime: '2024-07-29T13:00:00+02:00',
  posSwVersion: '1.8.3',
  deviceId: 'DEVICE-01',
  terminalId: 'BAR',
  bookingPeriodId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  bookingDate: '2024-07-29',
  ticketMedium: 'PAPER',
  employeeId: '00000000029',
  transaction: {
    transactionLines: [
      {
        lineType: 'SINGLE_PRODUCT',
        mainProduct: {
          productId: 'P-1',
          productName: 'Café "Noir"',
          departmentId: 'D1',
          departmentName: 'Dranken',
          quantity: 2,
          quantityType: 'PIECE',
          unitPrice: 3.5,
          vats: [{ label: 'B', price: 7 }],
        },
        lineTotal: 7,
      },
    ],
    transactionTotal: 7,
  },
  financials: [
    { id: '1', name: 'Cash', type: 'CASH', inputMethod: 'MANUAL', amount: 7, amountType: 'PAYMENT' },
  ],
};

export const vectorFields: SignedEventFields = {
  fdmId: 'FOD01000001',
  fdmDateTime: '2024-07-29T11:00:08Z',
  eventLabel: 'N',
  eventCounter: 15,
  totalCounter: 59,
  eventOperation: 'SALE',
  isTraining: false,
  posId: 'CPOS0031234567',
  posFiscalTicketNo: 1000,
  posDateTime: '2024-07-29T13:00:00+02:00',
  terminalId: 'BAR',
  deviceId: 'DEVICE-01',
  dataHash: '6dfdd98da88e3a74f360a626cfb84226394d47cc853a035b778912febbc50e2a',
  prevHash: '5f3c0b3e1f0c4b1e9a1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d5e6f70819',
};

/** SHA-256 of the canonical signed bytes of vectorFields. */
export const vectorSignedBytesSha256 = 'ea0d55ef7dbfdf70f4d2d5a2089acc8ce1a1ec997af4965e07cb1bce4f6c21f3';

/** One signature of those bytes with vectorPrivateKeyPem (base64 of r||s). */
export const vectorDigitalSignature =
  'qzG877euRBobXU47++Mh8qwa9oebbjzPCSTzhOFaWD0z1vVjC2U86Hc2kjX6NoSuizUCg8sksx/UrGZ2ON9Gtw==';
export const vectorShortSignature = '324ec9caadb3f1aa19336d61458e5c1d25bacc40';
