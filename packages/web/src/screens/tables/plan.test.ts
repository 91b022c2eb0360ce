import { describe, expect, it } from 'vitest';
import type { Floor, Place, PlaceStatus } from '../../api/types.js';
import { currentTab, planTabs } from './plan.js';

const place = (costCenterId: string, floorId: string | null, status: PlaceStatus = 'FREE'): Place => ({
  costCenterId,
  name: costCenterId.replace('T', 'Table '),
  type: 'TABLE',
  registrationId: status === 'FREE' ? null : `r-${costCenterId}`,
  floorId,
  status,
  active: true,
});

const floors: Floor[] = [
  { floorId: 'terrace', name: 'Terrace', position: 2, active: true },
  { floorId: 'room', name: 'Dining room', position: 1, active: true },
];

describe('planTabs', () => {
  it('draws no retired floor nor retired place', () => {
    const tabs = planTabs(
      [...floors, { floorId: 'roof', name: 'Roof', position: 0, active: false }],
      [
        place('T1', 'room'),
        { ...place('T2', 'room'), active: false },
        { ...place('T3', null), active: false },
        place('T9', 'roof'),
      ],
    );
    expect(tabs.map((t) => [t.floorId, t.places.map((p) => p.costCenterId)])).toEqual([
      ['room', ['T1']],
      ['terrace', []],
      // a live place on a retired floor still shows, under the other places
      [null, ['T9']],
    ]);
  });

  it('orders floors by position and tables as people count', () => {
    const tabs = planTabs(floors, [
      place('T10', 'room'),
      place('T2', 'room'),
      place('T1', 'room'),
      place('T20', 'terrace'),
    ]);
    expect(tabs.map((t) => t.floorId)).toEqual(['room', 'terrace']);
    expect(tabs[0]?.places.map((p) => p.costCenterId)).toEqual(['T1', 'T2', 'T10']);
  });

  it('counts the taken places of each floor, pre-billed ones included', () => {
    const tabs = planTabs(floors, [
      place('T1', 'room', 'OCCUPIED'),
      place('T2', 'room', 'PRE_BILLED'),
      place('T3', 'room'),
      place('T20', 'terrace'),
    ]);
    expect(tabs.map((t) => t.taken)).toEqual([2, 0]);
  });

  it('puts places on no floor, or on a floor that is gone, in one last tab', () => {
    const tabs = planTabs(floors, [place('T1', 'room'), place('BAR', null), place('T9', 'cellar')]);
    expect(tabs.map((t) => t.floorId)).toEqual(['room', 'terrace', null]);
    expect(tabs[2]?.places.map((p) => p.costCenterId)).toEqual(['BAR', 'T9']);
  });

  it('shows an empty floor, and no extra tab when every place is on a floor', () => {
    const tabs = planTabs(floors, [place('T1', 'room')]);
    expect(tabs).toHaveLength(2);
    expect(tabs[1]?.places).toEqual([]);
  });

  it('without floors, every place is on the one tab', () => {
    const tabs = planTabs([], [place('T1', null), place('T2', null)]);
    expect(tabs).toHaveLength(1);
    expect(tabs[0]?.places).toHaveLength(2);
  });

  it('sorts floors of the same position by name', () => {
    const tabs = planTabs(
      [
        { floorId: 'b', name: 'Bar', position: 1, active: true },
        { floorId: 'a', name: 'Attic', position: 1, active: true },
      ],
      [],
    );
    expect(tabs.map((t) => t.floorId)).toEqual(['a', 'b']);
  });
});

describe('currentTab', () => {
  const tabs = planTabs(floors, [place('BAR', null)]);
  it('keeps the wanted tab while it exists, else the first', () => {
    expect(currentTab(tabs, 'terrace')?.floorId).toBe('terrace');
    expect(currentTab(tabs, null)?.floorId).toBe(null);
    expect(currentTab(tabs, 'gone')?.floorId).toBe('room');
    expect(currentTab(tabs, undefined)?.floorId).toBe('room');
    expect(currentTab([], 'room')).toBeUndefined();
  });
});
