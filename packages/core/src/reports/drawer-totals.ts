import type { DrawerFigures } from './report-model.js';

interface DrawerSums {
  readonly drawerId: string;
  drawerName: string;
  readonly openingCents: number;
  cashPaymentsCents: number;
  cashCorrectionsCents: number;
  moneyInOutCents: number;
  lastDeclaredCents: number | null;
  /** Cash moved since the last declaration (or since the start). */
  sinceDeclarationCents: number;
}

type Movement = 'payment' | 'correction' | 'moneyInOut';

/**
 * Cash per drawer over the period, in event order: a drawer declaration (a count of the cash
 * present) replaces what was expected, later movements add to it (C-48 "drawer content").
 */
export class DrawerTotals {
  private readonly drawers = new Map<string, DrawerSums>();

  constructor(private readonly opening: Readonly<Record<string, number>> = {}) {
    for (const drawerId of Object.keys(opening)) this.sumsFor({ id: drawerId, name: '' });
  }

  move(drawer: { id: string; name: string }, movement: Movement, cents: number): void {
    const sums = this.sumsFor(drawer);
    if (movement === 'payment') sums.cashPaymentsCents += cents;
    else if (movement === 'correction') sums.cashCorrectionsCents += cents;
    else sums.moneyInOutCents += cents;
    sums.sinceDeclarationCents += cents;
  }

  /** One declaration event: its counted cash per drawer (lines of one drawer already added up). */
  declare(drawer: { id: string; name: string }, countedCents: number): void {
    const sums = this.sumsFor(drawer);
    sums.lastDeclaredCents = countedCents;
    sums.sinceDeclarationCents = 0;
  }

  figures(): DrawerFigures[] {
    return [...this.drawers.values()].map((d) => ({
      drawerId: d.drawerId,
      drawerName: d.drawerName,
      openingCents: d.openingCents,
      cashPaymentsCents: d.cashPaymentsCents,
      cashCorrectionsCents: d.cashCorrectionsCents,
      moneyInOutCents: d.moneyInOutCents,
      lastDeclaredCents: d.lastDeclaredCents,
      contentCents: (d.lastDeclaredCents ?? d.openingCents) + d.sinceDeclarationCents,
    }));
  }

  private sumsFor(drawer: { id: string; name: string }): DrawerSums {
    let sums = this.drawers.get(drawer.id);
    if (sums === undefined) {
      sums = {
        drawerId: drawer.id,
        drawerName: drawer.name,
        openingCents: this.opening[drawer.id] ?? 0,
        cashPaymentsCents: 0,
        cashCorrectionsCents: 0,
        moneyInOutCents: 0,
        lastDeclaredCents: null,
        sinceDeclarationCents: 0,
      };
      this.drawers.set(drawer.id, sums);
    } else if (sums.drawerName === '' && drawer.name !== '') sums.drawerName = drawer.name;
    return sums;
  }
}
