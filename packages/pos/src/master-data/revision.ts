/**
 * Counts the changes this process makes to terminals and users, so that the copies kept in
 * memory for the access check of every request are dropped as soon as a change is committed
 * (a retired terminal is refused at once). The POS process is the only writer of master data.
 */
let revision = 0;

export const accessRevision = (): number => revision;

/**
 * Runs a change of terminals or users and counts it when its transaction has ended: a reader
 * that started before the commit then finds a newer count and keeps nothing. A change made
 * inside a caller's transaction commits later than this; the server makes none that way.
 */
export async function accessDataChange<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } finally {
    revision += 1;
  }
}
