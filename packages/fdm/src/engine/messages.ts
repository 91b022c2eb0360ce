import type { Language } from '@gks/core';

/**
 * What the FDM says, in the four languages a POS may ask for (`language` of the input).
 * Messages are short and deliberately generic, as a real FDM's are: the actionable part is the
 * code and sub-code in the extensions. Parameters are filled in verbatim.
 */
export type MessageParams = Readonly<Record<string, string | number>>;
type Template = (p: MessageParams) => string;

const s = (p: MessageParams, name: string): string => String(p[name] ?? '');

const catalogue = {
  invalidRequest: {
    NL: (p) => `Ongeldige aanvraag (${s(p, 'subCode')}) in veld '${s(p, 'field')}'.`,
    FR: (p) => `Requête invalide (${s(p, 'subCode')}) dans le champ '${s(p, 'field')}'.`,
    DE: (p) => `Ungültige Anfrage (${s(p, 'subCode')}) im Feld '${s(p, 'field')}'.`,
    EN: (p) => `Invalid request (${s(p, 'subCode')}) in field '${s(p, 'field')}': ${s(p, 'detail')}`,
  },
  vatNoMismatch: {
    NL: (p) => `Dit FDM is geregistreerd voor btw-nummer ${s(p, 'registered')}, niet voor ${s(p, 'given')}.`,
    FR: (p) =>
      `Ce FDM est enregistré pour le numéro de TVA ${s(p, 'registered')}, pas pour ${s(p, 'given')}.`,
    DE: (p) =>
      `Dieses FDM ist für die MwSt.-Nummer ${s(p, 'registered')} registriert, nicht für ${s(p, 'given')}.`,
    EN: (p) => `This FDM is registered to VAT number ${s(p, 'registered')}, not ${s(p, 'given')}.`,
  },
  estNoMismatch: {
    NL: (p) =>
      `Dit FDM is geregistreerd voor vestigingsnummer ${s(p, 'registered')}, niet voor ${s(p, 'given')}.`,
    FR: (p) =>
      `Ce FDM est enregistré pour l'unité d'établissement ${s(p, 'registered')}, pas pour ${s(p, 'given')}.`,
    DE: (p) =>
      `Dieses FDM ist für die Niederlassungseinheit ${s(p, 'registered')} registriert, nicht für ${s(p, 'given')}.`,
    EN: (p) => `This FDM is registered to establishment unit ${s(p, 'registered')}, not ${s(p, 'given')}.`,
  },
  keyAlreadyUsed: {
    NL: () =>
      'Deze combinatie van posId, posDateTime, terminalId, label en ticketnummer werd al gebruikt met andere gegevens.',
    FR: () =>
      'Cette combinaison posId, posDateTime, terminalId, label et numéro de ticket a déjà été utilisée avec d\u2019autres données.',
    DE: () =>
      'Diese Kombination aus posId, posDateTime, terminalId, Label und Ticketnummer wurde bereits mit anderen Daten verwendet.',
    EN: () =>
      'This combination of posId, posDateTime, terminalId, label and ticket number was already used with other content.',
  },
  unknownPos: {
    NL: (p) => `Het kassasysteem ${s(p, 'posId')} mag niet met dit FDM communiceren.`,
    FR: (p) => `Le système de caisse ${s(p, 'posId')} n'est pas autorisé à communiquer avec ce FDM.`,
    DE: (p) => `Das Kassensystem ${s(p, 'posId')} darf nicht mit diesem FDM kommunizieren.`,
    EN: (p) => `The POS ${s(p, 'posId')} is not authorised to communicate with this FDM.`,
  },
  bufferFull: {
    NL: () => 'Het geheugen van het FDM is vol. Er kunnen geen transacties meer verwerkt worden.',
    FR: () => 'La mémoire du FDM est pleine. Plus aucune transaction ne peut être traitée.',
    DE: () => 'Der Speicher des FDM ist voll. Es können keine Transaktionen mehr verarbeitet werden.',
    EN: () => 'The FDM memory is full. No further transactions can be processed.',
  },
  bufferNearFull: {
    NL: (p) => `Het geheugen van het FDM is voor ${s(p, 'percent')} % gebruikt.`,
    FR: (p) => `La mémoire du FDM est utilisée à ${s(p, 'percent')} %.`,
    DE: (p) => `Der Speicher des FDM ist zu ${s(p, 'percent')} % belegt.`,
    EN: (p) => `The FDM memory is ${s(p, 'percent')} % full.`,
  },
  memoryDamaged: {
    NL: (p) =>
      `Het FDM is niet operationeel: record ${s(p, 'recordIndex')} van het geheugen is beschadigd (${s(p, 'reason')}).`,
    FR: (p) =>
      `Le FDM n'est pas opérationnel : l'enregistrement ${s(p, 'recordIndex')} de la mémoire est endommagé (${s(p, 'reason')}).`,
    DE: (p) =>
      `Das FDM ist nicht betriebsbereit: Datensatz ${s(p, 'recordIndex')} des Speichers ist beschädigt (${s(p, 'reason')}).`,
    EN: (p) =>
      `The FDM is not operational: memory record ${s(p, 'recordIndex')} is damaged (${s(p, 'reason')}).`,
  },
  notOperational: {
    NL: () => 'Het FDM is niet operationeel.',
    FR: () => "Le FDM n'est pas opérationnel.",
    DE: () => 'Das FDM ist nicht betriebsbereit.',
    EN: () => 'The FDM is not operational.',
  },
  locked: {
    NL: () => 'Het FDM is vergrendeld en kan geen aanvragen verwerken.',
    FR: () => 'Le FDM est verrouillé et ne peut pas traiter de requêtes.',
    DE: () => 'Das FDM ist gesperrt und kann keine Anfragen bearbeiten.',
    EN: () => 'The FDM is locked and cannot process requests.',
  },
  uploadFailed: {
    NL: () =>
      'Het FDM kan zijn transacties niet doorsturen naar de FOD Financiën; na 10 dagen zonder doorsturen wordt het vergrendeld.',
    FR: () =>
      'Le FDM ne parvient pas à transmettre ses transactions au SPF Finances ; après 10 jours sans transmission, il sera verrouillé.',
    DE: () =>
      'Das FDM kann seine Transaktionen nicht an den FÖD Finanzen übermitteln; nach 10 Tagen ohne Übermittlung wird es gesperrt.',
    EN: () =>
      'The FDM cannot upload its transactions to the tax administration; after 10 days without an upload it locks.',
  },
  parametersUpdateFailed: {
    NL: () =>
      'Het FDM kan zijn parameters niet bijwerken bij de FOD Financiën; het gebruikt de laatst ontvangen.',
    FR: () =>
      'Le FDM ne parvient pas à mettre à jour ses paramètres auprès du SPF Finances ; il utilise les derniers reçus.',
    DE: () =>
      'Das FDM kann seine Parameter beim FÖD Finanzen nicht aktualisieren; es verwendet die zuletzt erhaltenen.',
    EN: () =>
      'The FDM cannot update its parameters from the tax administration; it uses the last ones received.',
  },
  allowListUpdateFailed: {
    NL: () =>
      'Het FDM kan zijn lijst van toegelaten kassasystemen niet bijwerken; het gebruikt de laatst ontvangen.',
    FR: () =>
      'Le FDM ne parvient pas à mettre à jour sa liste de systèmes de caisse autorisés ; il utilise la dernière reçue.',
    DE: () =>
      'Das FDM kann seine Liste zugelassener Kassensysteme nicht aktualisieren; es verwendet die zuletzt erhaltene.',
    EN: () => 'The FDM cannot update its list of allowed POS; it uses the last one received.',
  },
  certificateNearExpiration: {
    NL: (p) =>
      `Het certificaat van het FDM verloopt op ${s(p, 'date')}; de vernieuwing bij de FOD Financiën is nog niet gelukt.`,
    FR: (p) =>
      `Le certificat du FDM expire le ${s(p, 'date')} ; son renouvellement auprès du SPF Finances n'a pas encore abouti.`,
    DE: (p) =>
      `Das Zertifikat des FDM läuft am ${s(p, 'date')} ab; die Erneuerung beim FÖD Finanzen ist noch nicht gelungen.`,
    EN: (p) =>
      `The FDM's certificate expires on ${s(p, 'date')}; renewing it at the tax administration has not succeeded yet.`,
  },
  certificateExpired: {
    NL: () =>
      'Het certificaat van het FDM is verlopen: het FDM kan niets meer doorsturen naar de FOD Financiën.',
    FR: () => 'Le certificat du FDM a expiré : le FDM ne peut plus rien transmettre au SPF Finances.',
    DE: () =>
      'Das Zertifikat des FDM ist abgelaufen: das FDM kann nichts mehr an den FÖD Finanzen übermitteln.',
    EN: () =>
      "The FDM's certificate has expired: the FDM can no longer send anything to the tax administration.",
  },
  certificateUpdateFailed: {
    NL: () => 'Het FDM kan zijn certificaat niet vernieuwen bij de FOD Financiën.',
    FR: () => 'Le FDM ne parvient pas à renouveler son certificat auprès du SPF Finances.',
    DE: () => 'Das FDM kann sein Zertifikat beim FÖD Finanzen nicht erneuern.',
    EN: () => 'The FDM cannot renew its certificate at the tax administration.',
  },
  injected: {
    NL: (p) => `Gesimuleerde fout ${s(p, 'code')} (foutinjectie).`,
    FR: (p) => `Erreur simulée ${s(p, 'code')} (injection de fautes).`,
    DE: (p) => `Simulierter Fehler ${s(p, 'code')} (Fehlerinjektion).`,
    EN: (p) => `Simulated error ${s(p, 'code')} (fault injection).`,
  },
  internalError: {
    NL: () => 'Technische fout in het FDM.',
    FR: () => 'Erreur technique dans le FDM.',
    DE: () => 'Technischer Fehler im FDM.',
    EN: () => 'Technical error in the FDM.',
  },
  duplicateRequest: {
    NL: () => 'Dubbele aanvraag: dit is het oorspronkelijke resultaat, er werd niets nieuws geregistreerd.',
    FR: () => "Requête en double : voici le résultat d'origine, rien de nouveau n'a été enregistré.",
    DE: () => 'Doppelte Anfrage: dies ist das ursprüngliche Ergebnis, es wurde nichts Neues gespeichert.',
    EN: () => 'Duplicate request: this is the original result; nothing new was stored.',
  },
  notAVatTicket: {
    NL: () => 'DIT IS GEEN GELDIG BTW-KASTICKET',
    FR: () => "CECI N'EST PAS UN TICKET DE CAISSE TVA VALABLE",
    DE: () => 'DIES IST KEIN GÜLTIGER MWST-KASSENBON',
    EN: () => 'THIS IS NOT A VALID VAT TICKET',
  },
  proForma: { NL: () => 'PRO FORMA', FR: () => 'PRO FORMA', DE: () => 'PRO FORMA', EN: () => 'PRO FORMA' },
  training: { NL: () => 'TRAINING', FR: () => 'FORMATION', DE: () => 'TRAINING', EN: () => 'TRAINING' },
} satisfies Record<string, Record<Language, Template>>;

export type MessageKey = keyof typeof catalogue;

export function message(key: MessageKey, language: Language, params: MessageParams = {}): string {
  return catalogue[key][language](params);
}

export const messageKeys = Object.keys(catalogue) as MessageKey[];
