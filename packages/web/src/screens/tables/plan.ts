import type { Floor, Place } from '../../api/types.js';

/** One tab of the table plan: a floor, or the places that are on none (floorId null). */
export interface PlanTab {
  /** The floor's id; null for the places without a floor. */
  readonly floorId: string | null;
  readonly name: string | null;
  readonly places: readonly Place[];
  /** Places with an open order, for the tab's badge. */
  readonly taken: number;
}

const byName = new Intl.Collator(undefined, { numeric: true });

/**
 * The tabs of the table plan: the floors in display order (empty ones too, so a floor the manager
 * just made shows), then the places on no floor or on a floor that no longer exists, if any;
 * nothing retired.
 * Tables sort by name as people count ("Table 2" before "Table 10").
 */
export function planTabs(allFloors: readonly Floor[], allPlaces: readonly Place[]): PlanTab[] {
  // Retired floors and places are kept for the journal, never drawn.
  const floors = allFloors.filter((f) => f.active);
  const places = allPlaces.filter((p) => p.active);
  const sorted = [...floors].sort((a, b) => a.position - b.position || byName.compare(a.name, b.name));
  const known = new Set(sorted.map((f) => f.floorId));
  const tab = (floorId: string | null, name: string | null, on: readonly Place[]): PlanTab => {
    const ordered = [...on].sort((a, b) => byName.compare(a.name, b.name));
    return { floorId, name, places: ordered, taken: ordered.filter((p) => p.status !== 'FREE').length };
  };
  const tabs = sorted.map((f) =>
    tab(
      f.floorId,
      f.name,
      places.filter((p) => p.floorId === f.floorId),
    ),
  );
  const elsewhere = places.filter((p) => p.floorId === null || !known.has(p.floorId));
  if (elsewhere.length > 0) tabs.push(tab(null, null, elsewhere));
  return tabs;
}

/** The tab to show: the one asked for while it exists, else the first. */
export function currentTab(tabs: readonly PlanTab[], wanted: string | null | undefined): PlanTab | undefined {
  return tabs.find((t) => t.floorId === wanted) ?? tabs[0];
}
